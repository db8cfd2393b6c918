package dev.okienko.signature.internal;

import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Reads the Polish identifiers ETSI EN 319 412-1 puts into certificate subjects: {@code PNOPL-<PESEL>} in
 * serialNumber (natural persons), {@code VATPL-<NIP>} in organizationIdentifier (legal persons).
 */
public final class SubjectIdentifiers {
    private static final Map<String, String> NAMES = Map.of("2.5.4.5", "SERIALNUMBER", "2.5.4.97",
            "ORGANIZATIONIDENTIFIER", "2.5.4.42", "GIVENNAME", "2.5.4.4", "SURNAME");

    private SubjectIdentifiers() {
    }

    /**
     * @param cert a certificate
     * @return the PESEL of its subject, when its serialNumber is a valid {@code PNOPL-} identifier
     */
    public static Optional<Pesel> pesel(X509Certificate cert) {
        return attribute(cert, "SERIALNUMBER").filter(v -> v.startsWith("PNOPL-"))
                .map(v -> v.substring("PNOPL-".length())).filter(Pesel::isValid).map(Pesel::parse);
    }

    /**
     * @param cert a certificate
     * @return the NIP of its subject, when its organizationIdentifier is a valid {@code VATPL-} identifier
     */
    public static Optional<Nip> nip(X509Certificate cert) {
        return attribute(cert, "ORGANIZATIONIDENTIFIER").filter(v -> v.startsWith("VATPL-"))
                .map(v -> v.substring("VATPL-".length())).filter(Nip::isValid).map(Nip::parse);
    }

    /**
     * @param cert a certificate
     * @return its subject's common name
     */
    public static Optional<String> commonName(X509Certificate cert) {
        return attribute(cert, "CN");
    }

    /**
     * @param cert a certificate
     * @return its subject's given name
     */
    public static Optional<String> givenName(X509Certificate cert) {
        return attribute(cert, "GIVENNAME");
    }

    /**
     * @param cert a certificate
     * @return its subject's surname
     */
    public static Optional<String> surname(X509Certificate cert) {
        return attribute(cert, "SURNAME");
    }

    /**
     * @param principal a subject or issuer name
     * @return its common name
     */
    public static Optional<String> commonName(X500Principal principal) {
        return attribute(principal, "CN");
    }

    private static Optional<String> attribute(X509Certificate cert, String type) {
        return attribute(cert.getSubjectX500Principal(), type);
    }

    private static Optional<String> attribute(X500Principal principal, String type) {
        try {
            String name = principal.getName(X500Principal.RFC2253, NAMES);
            for (Rdn rdn : new LdapName(name).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
