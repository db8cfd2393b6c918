package dev.okienko.testkit.pki;


import dev.okienko.testkit.pki.internal.XmlText;
import dev.okienko.core.Pesel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Trusted-profile signatures (podpis zaufany) for tests: the person's identity block in either form the
 * service has sent, sealed as a claimed role by the test trusted-profile seal with {@link TestXadesSigner}.
 * Vendors use them to test how their EZD shows such signatures; okienko's tests use them, and forged
 * variants, to prove when an identity is and is not believed.
 */
public final class TestTrustedProfile {
    /** Where the older form puts the ePUAP account id. */
    public enum AccountIdPosition {
        /** Inside {@code DaneZP}, beside the person's data. */
        IN_PERSON_DATA,
        /** Inside {@code DanePodpisu}. */
        IN_SIGNATURE_DATA
    }

    private TestTrustedProfile() {
    }

    /**
     * @param firstName the first name
     * @param surname the surname
     * @param pesel the PESEL
     * @param epuapAccountId the ePUAP account id
     * @param position where the account id goes
     * @return a {@code ppZP:PodpisZP} block
     */
    public static String podpisZp(String firstName, String surname, Pesel pesel, String epuapAccountId,
                                  AccountIdPosition position) {
        String account = "<ppZP:IdKontaUzytkownikaEpuap>" + XmlText.escape(epuapAccountId) + "</ppZP:IdKontaUzytkownikaEpuap>";
        return "<ppZP:PodpisZP xmlns:ppZP=\"http://crd.gov.pl/xml/schematy/ppzp/\""
                + " xmlns:os=\"http://crd.gov.pl/xml/schematy/osoba/2009/03/06/\">"
                + "<ppZP:DaneZP><ppZP:DaneZPOsobyFizycznej>"
                + "<os:Imie>" + XmlText.escape(firstName) + "</os:Imie>"
                + "<os:Nazwisko rodzajCzlonu=\"pierwszy\">" + XmlText.escape(surname) + "</os:Nazwisko>"
                + "<os:PESEL>" + pesel.value() + "</os:PESEL>"
                + "</ppZP:DaneZPOsobyFizycznej>"
                + (position == AccountIdPosition.IN_PERSON_DATA ? account : "")
                + "</ppZP:DaneZP>"
                + "<ppZP:DanePodpisu><ppZP:IdentyfikatorDokumentu>okienko-test</ppZP:IdentyfikatorDokumentu>"
                + (position == AccountIdPosition.IN_SIGNATURE_DATA ? account : "")
                + "</ppZP:DanePodpisu>"
                + "</ppZP:PodpisZP>";
    }

    /**
     * @param firstName the first name
     * @param surname the current family name
     * @param pesel the PESEL (the personal identifier)
     * @param dateOfBirth the date of birth
     * @return an {@code EPSignature} block of the TpSigning5 form
     */
    public static String epSignature(String firstName, String surname, Pesel pesel, LocalDate dateOfBirth) {
        return "<EPSignature xmlns=\"http://crd.gov.pl/xml/schematy/podpis_zaufany/\">"
                + "<NaturalPerson><FirstName>" + XmlText.escape(firstName) + "</FirstName>"
                + "<CurrentFamilyName>" + XmlText.escape(surname) + "</CurrentFamilyName>"
                + "<DateOfBirth>" + dateOfBirth + "</DateOfBirth>"
                + "<PersonalIdentifier>" + pesel.value() + "</PersonalIdentifier></NaturalPerson>"
                + "<SignatureData><IdentityIssuer>okienko test trusted profile</IdentityIssuer>"
                + "<IdentityIssueTimestamp>" + Instant.now() + "</IdentityIssueTimestamp></SignatureData>"
                + "</EPSignature>";
    }

    /**
     * Seals a document as the trusted profile does: the identity block as a signed claimed role.
     *
     * @param xml the document
     * @param seal the sealing identity; {@link TestPki#trustedProfileSeal()} for a genuine signature, any other
     *     for a forgery
     * @param identityBlock from {@link #podpisZp} or {@link #epSignature}
     * @return the signed document
     */
    public static byte[] sign(byte[] xml, TestIdentity seal, String identityBlock) {
        return TestXadesSigner.signEnveloped(xml, seal, Instant.now(), List.of(identityBlock));
    }
}
