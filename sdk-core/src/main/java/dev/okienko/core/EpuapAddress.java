package dev.okienko.core;

import dev.okienko.core.InvalidIdentifierException.Defect;
import dev.okienko.core.internal.DigitChecks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The address of an ePUAP inbox (<i>skrytka</i>): {@code /<entity id>/<box name>}, for example
 * {@code /PodlaskaWKOHP/SkrytkaESP}. The entity id is at most 100 characters; both parts are ASCII letters,
 * digits, {@code _}, {@code -} and {@code .}.
 */
public final class EpuapAddress {
    /** The longest entity id ePUAP allows. */
    public static final int MAX_ENTITY_ID_LENGTH = 100;
    /** The longest box name okienko accepts. */
    public static final int MAX_BOX_NAME_LENGTH = 100;

    private final String entityId;
    private final String boxName;

    private EpuapAddress(String entityId, String boxName) {
        this.entityId = entityId;
        this.boxName = boxName;
    }

    /**
     * @param value the candidate, e.g. {@code /PodlaskaWKOHP/SkrytkaESP}
     * @return the address
     * @throws InvalidIdentifierException naming the defect: EMPTY, SHAPE, LENGTH or CHARACTERS
     */
    public static EpuapAddress parse(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            throw invalid(Defect.EMPTY, "the value is empty");
        }
        if (value.charAt(0) != '/') {
            throw invalid(Defect.SHAPE, "\"" + value + "\" does not start with '/'; expected /<entity id>/<box name>");
        }
        String[] parts = value.substring(1).split("/", -1);
        if (parts.length != 2) {
            throw invalid(Defect.SHAPE, "\"" + value + "\" has " + parts.length
                    + " parts; expected exactly /<entity id>/<box name>");
        }
        return of(parts[0], parts[1]);
    }

    /**
     * @param entityId the entity (podmiot) id, 1 to 100 characters
     * @param boxName the box name, e.g. {@code SkrytkaESP}
     * @return the address
     * @throws InvalidIdentifierException naming the defect
     */
    public static EpuapAddress of(String entityId, String boxName) {
        check("entity id", Objects.requireNonNull(entityId, "entityId"), MAX_ENTITY_ID_LENGTH);
        check("box name", Objects.requireNonNull(boxName, "boxName"), MAX_BOX_NAME_LENGTH);
        return new EpuapAddress(entityId, boxName);
    }

    private static void check(String what, String part, int maxLength) {
        if (part.isEmpty()) {
            throw invalid(Defect.SHAPE, "the " + what + " is empty; expected /<entity id>/<box name>");
        }
        if (part.length() > maxLength) {
            throw invalid(Defect.LENGTH, "the " + what + " has " + part.length() + " characters, at most "
                    + maxLength + " are allowed");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!ok) {
                throw invalid(Defect.CHARACTERS, "the " + what + " \"" + part + "\" contains '"
                        + DigitChecks.printable(c) + "'; allowed are ASCII letters, digits, '_', '-' and '.'");
            }
        }
    }

    private static InvalidIdentifierException invalid(Defect defect, String detail) {
        return new InvalidIdentifierException(IdentifierType.EPUAP_ADDRESS, defect, detail);
    }

    /**
     * @param value the candidate
     * @return whether {@link #parse(String)} would accept it
     */
    public static boolean isValid(@Nullable String value) {
        try {
            parse(value);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    /** @return the entity (podmiot) id, e.g. {@code PodlaskaWKOHP} */
    public String entityId() {
        return entityId;
    }

    /** @return the box name, e.g. {@code SkrytkaESP} */
    public String boxName() {
        return boxName;
    }

    /** @return the address, {@code /<entity id>/<box name>} */
    public String value() {
        return "/" + entityId + "/" + boxName;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof EpuapAddress other && entityId.equals(other.entityId) && boxName.equals(other.boxName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entityId, boxName);
    }

    /** @return the address */
    @Override
    public String toString() {
        return value();
    }
}
