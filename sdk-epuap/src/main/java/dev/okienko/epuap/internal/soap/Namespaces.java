package dev.okienko.epuap.internal.soap;

/** The XML namespaces of ePUAP's SOAP services, shared by the clients and the embedded simulators. */
public final class Namespaces {
    /** The namespace of ePUAP's message objects (skrytka, pull, doreczyciel). */
    public static final String OBJECTS = "http://wsdl.epuap.gov.pl/obiekty/";
    /** The namespace of the file repository's objects. */
    public static final String FILE_REPOSITORY = "http://wsdl.epuap.gov.pl/filerepocore/";
    /** The namespace of the trusted-profile signing service (TpSigning5). */
    public static final String TRUSTED_PROFILE_SIGNING = "http://signing.ws.comarch.gov";

    private Namespaces() {
    }
}
