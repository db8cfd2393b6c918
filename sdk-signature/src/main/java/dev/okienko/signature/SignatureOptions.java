package dev.okienko.signature;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What signature to make: format, packaging (XAdES, CAdES), whether in an ASiC-E container, level and, for PAdES, the reason and location shown by
 * PDF readers and, optionally, a {@link VisibleSignature visible appearance}. Immutable and serialisable (it travels inside {@link SigningState}).
 *
 * <pre>{@code
 * SignatureOptions.xades(SignaturePackaging.ENVELOPED).level(SignatureLevel.LT)
 * SignatureOptions.pades().level(SignatureLevel.T).reason("Decyzja").location("Warszawa")
 * SignatureOptions.cades(SignaturePackaging.DETACHED).level(SignatureLevel.T)
 * SignatureOptions.asice(SignatureFormat.XADES).level(SignatureLevel.LT)
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
    /** Whether the signature goes into an ASiC-E container with the files it signs. */
    private final boolean asice;

    private SignatureOptions(SignatureFormat format, SignaturePackaging packaging, SignatureLevel level,
                             @Nullable String reason, @Nullable String location, @Nullable VisibleSignature visible) {
        this(format, packaging, level, reason, location, visible, false);
    }

    private SignatureOptions(SignatureFormat format, SignaturePackaging packaging, SignatureLevel level,
                             @Nullable String reason, @Nullable String location, @Nullable VisibleSignature visible,
                             boolean asice) {
        this.asice = asice;
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

    /**
     * @param packaging {@link SignaturePackaging#ENVELOPING} (the content inside the signature, a {@code .p7m} file)
     *     or {@link SignaturePackaging#DETACHED} (the signature alone, a {@code .p7s} file)
     * @return CAdES at level B
     * @throws IllegalArgumentException for ENVELOPED, which CMS does not have
     */
    public static SignatureOptions cades(SignaturePackaging packaging) {
        if (Objects.requireNonNull(packaging, "packaging") == SignaturePackaging.ENVELOPED) {
            throw new IllegalArgumentException("a CAdES signature is enveloping or detached, never enveloped");
        }
        return new SignatureOptions(SignatureFormat.CADES, packaging, SignatureLevel.B, null, null, null);
    }

    /**
     * An ASiC-E container (ETSI EN 319 162-1): the files and one signature over all of them in one ZIP, with a
     * {@code mimetype} entry and the signature in {@code META-INF}; sign it with {@link Signer#sign(List, SignatureOptions,
     * SigningKey)}.
     *
     * @param format {@link SignatureFormat#XADES} ({@code META-INF/signatures001.xml}) or {@link SignatureFormat#CADES}
     *     ({@code META-INF/signature001.p7s} over an ASiC manifest)
     * @return an ASiC-E signature at level B
     * @throws IllegalArgumentException for another format
     */
    public static SignatureOptions asice(SignatureFormat format) {
        if (format != SignatureFormat.XADES && format != SignatureFormat.CADES) {
            throw new IllegalArgumentException("an ASiC-E container holds XAdES or CAdES signatures, not " + format);
        }
        return new SignatureOptions(format, SignaturePackaging.DETACHED, SignatureLevel.B, null, null, null, true);
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
        return new SignatureOptions(format, packaging, Objects.requireNonNull(level, "level"), reason, location, visible, asice);
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

    /** @return whether the signature goes into an ASiC-E container with the files it signs */
    public boolean asice() {
        return asice;
    }

    /** @return the packaging (always ENVELOPED for PAdES; DETACHED in an ASiC-E container) */
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
                && Objects.equals(visible, other.visible) && asice == other.asice;
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, packaging, level, reason, location, visible, asice);
    }

    @Override
    public String toString() {
        return (asice ? "ASiC-E with " : "") + format + "-" + level
                + (format != SignatureFormat.PADES && !asice ? " " + packaging : "");
    }
}
