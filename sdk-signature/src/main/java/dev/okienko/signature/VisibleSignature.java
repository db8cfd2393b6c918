package dev.okienko.signature;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a PAdES signature shows on the page: a text (e.g. who signed and when), optionally an image (a PNG or
 * JPEG stamp), either in a rectangle on a page or in an existing empty signature field of the PDF.
 * Coordinates are in PDF points (1/72 inch) from the top-left corner of the page. Immutable.
 *
 * <pre>{@code
 * VisibleSignature.text("Podpisano elektronicznie\nJan Kowalski").at(1, 350, 700, 200, 60)
 * VisibleSignature.text("Zatwierdzono").image(pngBytes).inField("Podpis1")
 * }</pre>
 */
public final class VisibleSignature implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final byte @Nullable [] image;
    private final @Nullable String field;
    private final int page;
    private final float x;
    private final float y;
    private final float width;
    private final float height;

    private VisibleSignature(String text, byte @Nullable [] image, @Nullable String field, int page, float x, float y,
                             float width, float height) {
        this.text = text;
        this.image = image;
        this.field = field;
        this.page = page;
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
    }

    /**
     * @param text the text to show; {@code \n} breaks lines; Polish letters are fine (an embedded font is used)
     * @return a visible signature in the default place: page 1, 50 pt from the left and top, 200 x 60 pt
     */
    public static VisibleSignature text(String text) {
        return new VisibleSignature(Objects.requireNonNull(text, "text"), null, null, 1, 50, 50, 200, 60);
    }

    /**
     * @param png a PNG or JPEG image shown beside the text
     * @return a copy with the image
     */
    public VisibleSignature image(byte[] png) {
        return new VisibleSignature(text, Objects.requireNonNull(png, "png").clone(), field, page, x, y, width, height);
    }

    /**
     * @param page the page, from 1
     * @param x points from the left edge
     * @param y points from the top edge
     * @param width width in points
     * @param height height in points
     * @return a copy placed in that rectangle
     */
    public VisibleSignature at(int page, float x, float y, float width, float height) {
        if (page < 1 || width <= 0 || height <= 0 || x < 0 || y < 0) {
            throw new IllegalArgumentException("a page from 1 and a rectangle of positive size inside it");
        }
        return new VisibleSignature(text, image, null, page, x, y, width, height);
    }

    /**
     * @param fieldName the name of an existing, empty signature field in the PDF
     * @return a copy that signs that field (its place comes from the PDF)
     */
    public VisibleSignature inField(String fieldName) {
        return new VisibleSignature(text, image, Objects.requireNonNull(fieldName, "fieldName"), page, x, y, width, height);
    }

    /** @return the text */
    public String text() {
        return text;
    }

    /** @return the image, if any */
    public Optional<byte[]> imageBytes() {
        return Optional.ofNullable(image).map(byte[]::clone);
    }

    /** @return the field to sign, when signing an existing field */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** @return the page, from 1 (for a rectangle) */
    public int page() {
        return page;
    }

    /** @return the rectangle as {x, y, width, height} in points from the top-left */
    public float[] rectangle() {
        return new float[] {x, y, width, height};
    }

    @Override
    public String toString() {
        return "VisibleSignature[\"" + text + "\"" + (image != null ? ", image" : "")
                + (field != null ? ", field " + field : ", page " + page + " at " + x + "," + y + " " + width + "x" + height) + "]";
    }
}
