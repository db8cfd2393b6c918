package dev.okienko.signature;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What signature to make: format, packaging (XAdES), level and, for PAdES, the reason and location shown by
 * PDF readers and, optionally, a {@link VisibleSignature visible appearance}. Immutable and serialisable (it travels inside {@link SigningState}).
 *
 * <pre>{@code
 * SignatureOptions.xades(SignaturePackaging.ENVELOPED).level(SignatureLevel.LT)
 * SignatureOptions.pades().level(SignatureLevel.T).reason("Decyzja").location("Warszawa")
 * }</pre>
 */
public final class SignatureOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SignatureFormat format;
    private final SignaturePackaging packaging;
    private final SignatureLevel level;
    private final @Nullable String reason;
    private final @Nullable String location;
    private final @Nullable VisibleSignature visible;

    private SignatureOptions(SignatureFormat format, SignaturePackaging packaging, SignatureLevel level,
                             @Nullable String reason, @Nullable String location, @Nullable VisibleSignature visible) {
        this.format = format;
        this.packaging = packaging;
        this.level = level;
        this.reason = reason;
        this.location = location;
        this.visible = visible;
    }

    /**
     * @param packaging enveloped, enveloping or detached
     * @return XAdES at level B
     */
    public static SignatureOptions xades(SignaturePackaging packaging) {
        return new SignatureOptions(SignatureFormat.XADES, Objects.requireNonNull(packaging, "packaging"),
                SignatureLevel.B, null, null, null);
    }

    /** @return PAdES (always enveloped) at level B */
    public static SignatureOptions pades() {
        return new SignatureOptions(SignatureFormat.PADES, SignaturePackaging.ENVELOPED, SignatureLevel.B, null, null, null);
    }

    /**
     * @param level B, T, LT or LTA; T and above need a time-stamping authority on the {@link Signer}
     * @return a copy at that level
     */
    public SignatureOptions level(SignatureLevel level) {
        return new SignatureOptions(format, packaging, Objects.requireNonNull(level, "level"), reason, location, visible);
    }

    /**
     * @param reason the reason for signing a PDF, e.g. {@code Zatwierdzenie}
     * @return a copy with the reason
     */
    public SignatureOptions reason(String reason) {
        requirePades("a reason");
        return new SignatureOptions(format, packaging, level, Objects.requireNonNull(reason, "reason"), location, visible);
    }

    /**
     * @param location where a PDF was signed, e.g. {@code Warszawa}
     * @return a copy with the location
     */
    public SignatureOptions location(String location) {
        requirePades("a location");
        return new SignatureOptions(format, packaging, level, reason, Objects.requireNonNull(location, "location"), visible);
    }

    /**
     * @param visible how the signature shows on the page; without it a PAdES signature is invisible
     * @return a copy with the appearance
     */
    public SignatureOptions visible(VisibleSignature visible) {
        requirePades("a visible appearance");
        return new SignatureOptions(format, packaging, level, reason, location, Objects.requireNonNull(visible, "visible"));
    }

    private void requirePades(String what) {
        if (format != SignatureFormat.PADES) {
            throw new IllegalStateException(what + " is a PAdES option");
        }
    }

    /** @return the format */
    public SignatureFormat format() {
        return format;
    }

    /** @return the packaging (always ENVELOPED for PAdES) */
    public SignaturePackaging packaging() {
        return packaging;
    }

    /** @return the level */
    public SignatureLevel level() {
        return level;
    }

    /** @return the PDF signing reason, if set */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** @return the PDF signing location, if set */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /** @return the visible appearance of a PAdES signature, if set */
    public Optional<VisibleSignature> visible() {
        return Optional.ofNullable(visible);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SignatureOptions other && format == other.format && packaging == other.packaging
                && level == other.level && Objects.equals(reason, other.reason) && Objects.equals(location, other.location)
                && Objects.equals(visible, other.visible);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, packaging, level, reason, location, visible);
    }

    @Override
    public String toString() {
        return format + "-" + level + (format == SignatureFormat.XADES ? " " + packaging : "");
    }
}
