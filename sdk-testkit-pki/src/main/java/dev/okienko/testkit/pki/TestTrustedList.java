package dev.okienko.testkit.pki;


import dev.okienko.testkit.pki.internal.XmlText;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * An ETSI TS 119 612 trusted list (version 5) listing test CAs as trust services, or a list of trusted
 * lists pointing to such lists ({@link #listOfLists()}), signed as an enveloped XAdES-BASELINE-B by the test
 * scheme operator ({@link Builder#buildSigned}) or unsigned ({@link Builder#build}). {@link TestPki#publish
 * Publish} it and verifiers can be tested against a trusted list offline.
 *
 * <pre>{@code
 * byte[] tl = TestTrustedList.builder("PL").service("okienko test CA", pki.issuingCaCertificate())
 *     .buildSigned(pki.trustedListSigner());
 * }</pre>
 */
public final class TestTrustedList {
    /** The service type of a CA issuing qualified certificates. */
    public static final String CA_QC = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC";
    /** The status of a service that is granted. */
    public static final String GRANTED = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted";
    /** The status of a service that was withdrawn. */
    public static final String WITHDRAWN = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn";

    private TestTrustedList() {
    }

    /**
     * @param territory the scheme territory, e.g. {@code PL}
     * @return a builder for a national trusted list
     */
    public static Builder builder(String territory) {
        return new Builder(territory, false);
    }

    /**
     * A list of trusted lists, as the EU LOTL: it points to national lists and names their signers.
     *
     * @return a builder for a list of trusted lists (territory {@code EU})
     */
    public static Builder listOfLists() {
        return new Builder("EU", true);
    }

    /** Builds the trusted list XML. */
    public static final class Builder {
        private record Service(String name, X509Certificate certificate, String type, String status) {
        }

        private record Pointer(String territory, String url, X509Certificate signer) {
        }

        private final String territory;
        private final boolean listOfLists;
        private final List<Service> services = new ArrayList<>();
        private final List<Pointer> pointers = new ArrayList<>();
        private Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        private int sequence = 1;

        private Builder(String territory, boolean listOfLists) {
            this.territory = Objects.requireNonNull(territory, "territory");
            this.listOfLists = listOfLists;
        }

        /**
         * @param territory the pointed list's territory, e.g. {@code PL}
         * @param url where that list is published
         * @param signer the certificate that list is signed with
         * @return this, with a pointer to a national (EUgeneric) XML trusted list
         */
        public Builder pointer(String territory, java.net.URI url, X509Certificate signer) {
            pointers.add(new Pointer(territory, url.toString(), signer));
            return this;
        }

        /**
         * @param name the service's name
         * @param certificate its certificate (a CA's)
         * @return this, with a granted CA/QC service
         */
        public Builder service(String name, X509Certificate certificate) {
            return service(name, certificate, CA_QC, GRANTED);
        }

        /**
         * @param name the service's name
         * @param certificate its certificate
         * @param type the service type URI
         * @param status the service status URI
         * @return this
         */
        public Builder service(String name, X509Certificate certificate, String type, String status) {
            services.add(new Service(name, certificate, type, status));
            return this;
        }

        /**
         * @param issued the list's issue time (the next update is 6 months later)
         * @return this
         */
        public Builder issued(Instant issued) {
            this.issued = issued.truncatedTo(ChronoUnit.SECONDS);
            return this;
        }

        /**
         * @param sequence the list's sequence number
         * @return this
         */
        public Builder sequence(int sequence) {
            this.sequence = sequence;
            return this;
        }

        /**
         * @param schemeOperator the identity that signs the list, normally {@link TestPki#trustedListSigner()}
         * @return the list signed as an enveloped XAdES-BASELINE-B by {@link TestXadesSigner}
         */
        public byte[] buildSigned(TestIdentity schemeOperator) {
            return TestXadesSigner.signEnveloped(build(), schemeOperator);
        }

        /** @return the unsigned trusted list, UTF-8 XML */
        public byte[] build() {
            StringBuilder tsp = new StringBuilder();
            for (Service s : services) {
                tsp.append("<TSPService><ServiceInformation>")
                        .append("<ServiceTypeIdentifier>").append(s.type()).append("</ServiceTypeIdentifier>")
                        .append("<ServiceName><Name xml:lang=\"en\">").append(XmlText.escape(s.name())).append("</Name></ServiceName>")
                        .append("<ServiceDigitalIdentity><DigitalId><X509Certificate>").append(base64(s.certificate()))
                        .append("</X509Certificate></DigitalId></ServiceDigitalIdentity>")
                        .append("<ServiceStatus>").append(s.status()).append("</ServiceStatus>")
                        .append("<StatusStartingTime>").append(issued.minus(365, ChronoUnit.DAYS)).append("</StatusStartingTime>");
                if (CA_QC.equals(s.type())) {
                    // the CA issues qualified certificates for electronic signatures (eIDAS)
                    tsp.append("<ServiceInformationExtensions><Extension Critical=\"true\"><AdditionalServiceInformation>")
                            .append("<URI xml:lang=\"en\">http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures</URI>")
                            .append("</AdditionalServiceInformation></Extension></ServiceInformationExtensions>");
                }
                tsp.append("</ServiceInformation></TSPService>");
            }
            String address = "<PostalAddresses><PostalAddress xml:lang=\"en\"><StreetAddress>ul. Testowa 1</StreetAddress>"
                    + "<Locality>Warszawa</Locality><PostalCode>00-001</PostalCode><CountryName>" + territory
                    + "</CountryName></PostalAddress></PostalAddresses><ElectronicAddress><URI xml:lang=\"en\">"
                    + "mailto:tl@okienko.test</URI></ElectronicAddress>";
            StringBuilder pointerXml = new StringBuilder();
            if (!pointers.isEmpty()) {
                pointerXml.append("<PointersToOtherTSL>");
                for (Pointer p : pointers) {
                    pointerXml.append("<OtherTSLPointer><ServiceDigitalIdentities><ServiceDigitalIdentity><DigitalId>")
                            .append("<X509Certificate>").append(base64(p.signer())).append("</X509Certificate>")
                            .append("</DigitalId></ServiceDigitalIdentity></ServiceDigitalIdentities>")
                            .append("<TSLLocation>").append(XmlText.escape(p.url())).append("</TSLLocation>")
                            .append("<AdditionalInformation>")
                            .append("<OtherInformation><TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric")
                            .append("</TSLType></OtherInformation>")
                            .append("<OtherInformation><SchemeOperatorName><Name xml:lang=\"en\">").append(p.territory())
                            .append(" test scheme operator</Name></SchemeOperatorName></OtherInformation>")
                            .append("<OtherInformation><SchemeTerritory>").append(p.territory()).append("</SchemeTerritory>")
                            .append("</OtherInformation>")
                            .append("<OtherInformation><ns3:MimeType xmlns:ns3=\"http://uri.etsi.org/02231/v2/additionaltypes#\">")
                            .append("application/vnd.etsi.tsl+xml</ns3:MimeType></OtherInformation>")
                            .append("</AdditionalInformation></OtherTSLPointer>");
                }
                pointerXml.append("</PointersToOtherTSL>");
            }
            String type = listOfLists ? "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists"
                    : "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric";
            String providers = services.isEmpty() ? "" : "<TrustServiceProviderList><TrustServiceProvider><TSPInformation>"
                    + "<TSPName><Name xml:lang=\"en\">okienko test trust service provider</Name></TSPName>"
                    + "<TSPAddress>" + "%ADDRESS%" + "</TSPAddress>"
                    + "<TSPInformationURI><URI xml:lang=\"en\">https://okienko.test/tsp</URI></TSPInformationURI>"
                    + "</TSPInformation><TSPServices>" + tsp + "</TSPServices></TrustServiceProvider></TrustServiceProviderList>";
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<TrustServiceStatusList xmlns=\"http://uri.etsi.org/02231/v2#\" Id=\"tsl\""
                    + " TSLTag=\"http://uri.etsi.org/19612/TSLTag\">"
                    + "<SchemeInformation>"
                    + "<TSLVersionIdentifier>5</TSLVersionIdentifier>"
                    + "<TSLSequenceNumber>" + sequence + "</TSLSequenceNumber>"
                    + "<TSLType>" + type + "</TSLType>"
                    + "<SchemeOperatorName><Name xml:lang=\"en\">okienko test scheme operator</Name></SchemeOperatorName>"
                    + "<SchemeOperatorAddress>" + address + "</SchemeOperatorAddress>"
                    + "<SchemeName><Name xml:lang=\"en\">" + territory + ":okienko test trusted list</Name></SchemeName>"
                    + "<SchemeInformationURI><URI xml:lang=\"en\">https://okienko.test/tl</URI></SchemeInformationURI>"
                    + "<StatusDeterminationApproach>http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/EUappropriate"
                    + "</StatusDeterminationApproach>"
                    + "<SchemeTypeCommunityRules><URI xml:lang=\"en\">http://uri.etsi.org/TrstSvc/TrustedList/schemerules/EUcommon"
                    + "</URI></SchemeTypeCommunityRules>"
                    + "<SchemeTerritory>" + territory + "</SchemeTerritory>"
                    + "<PolicyOrLegalNotice><TSLLegalNotice xml:lang=\"en\">For tests only.</TSLLegalNotice></PolicyOrLegalNotice>"
                    + "<HistoricalInformationPeriod>65535</HistoricalInformationPeriod>"
                    + pointerXml
                    + "<ListIssueDateTime>" + issued + "</ListIssueDateTime>"
                    + "<NextUpdate><dateTime>" + issued.plus(180, ChronoUnit.DAYS) + "</dateTime></NextUpdate>"
                    + "</SchemeInformation>"
                    + providers.replace("%ADDRESS%", address)
                    + "</TrustServiceStatusList>";
            return xml.getBytes(StandardCharsets.UTF_8);
        }

        private static String base64(X509Certificate c) {
            try {
                return Base64.getEncoder().encodeToString(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }
}
