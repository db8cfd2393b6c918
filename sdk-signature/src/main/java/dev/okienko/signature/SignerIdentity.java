package dev.okienko.signature;

import dev.okienko.core.Pesel;
import dev.okienko.core.PrintableText;
import org.jspecify.annotations.Nullable;

/**
 * Who signed, as far as the signature says: from the signer's certificate, or for a trusted-profile
 * signature from the identity block the trusted profile seals into it. {@link #toString()} masks the PESEL.
 *
 * @param firstName the first name, when known
 * @param surname the surname, when known
 * @param pesel the PESEL, when known
 * @param epuapAccountId the ePUAP account id, for trusted-profile signatures that carry it
 * @param source where the identity was read
 */
public record SignerIdentity(@Nullable String firstName, @Nullable String surname, @Nullable Pesel pesel,
                             @Nullable String epuapAccountId, Source source) {

    /** Where an identity was read. */
    public enum Source {
        /** The signer's certificate (givenName, surname, serialNumber PNOPL-...). */
        CERTIFICATE,
        /** A {@code ppZP:PodpisZP} block in the signed claimed roles (older trusted-profile form). */
        PODPIS_ZP,
        /** An {@code EPSignature} block in the signed claimed roles (TpSigning5 form). */
        EP_SIGNATURE
    }

    /** @return "first surname", or whichever is known */
    public String fullName() {
        return ((firstName == null ? "" : firstName) + " " + (surname == null ? "" : surname)).strip();
    }

    /** @return the identity with the PESEL masked, {@linkplain PrintableText printable} */
    @Override
    public String toString() {
        return PrintableText.of("SignerIdentity[" + fullName() + (pesel == null ? "" : ", PESEL " + pesel)
                + (epuapAccountId == null ? "" : ", ePUAP " + epuapAccountId) + ", from " + source + "]");
    }
}
