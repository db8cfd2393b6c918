package dev.okienko.edelivery;

import dev.okienko.core.Ade;
import dev.okienko.core.PrintableText;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An e-Delivery address as BAE knows it, with its owner. Which fields are filled depends on the call: a bulk
 * lookup gives no assignment degree, for instance.
 *
 * @param ade the address
 * @param status its status
 * @param designatedOperator whether it is served by the public e-Delivery service
 * @param assignmentDegree how far it is assigned, when the call tells
 * @param mainAddress whether it is a public entity's main address (rather than an additional one), when told
 * @param isPublic whether its owner is a public entity
 * @param entityName the entity's name, if any
 * @param name a person's first name, if any
 * @param surname a person's surname, if any
 * @param officialIds the owner's ids in official registers
 * @param warning a warning BAE gives the sender (e.g. {@code SEAPI-INFO-00001 ...}), if any
 */
public record AddressEntry(Ade ade, AddressStatus status, boolean designatedOperator,
                           @Nullable AssignmentDegree assignmentDegree, @Nullable Boolean mainAddress, boolean isPublic,
                           @Nullable String entityName, @Nullable String name, @Nullable String surname,
                           List<OfficialId> officialIds, @Nullable String warning) {

    /** Copies the list. */
    public AddressEntry {
        Objects.requireNonNull(ade, "ade");
        Objects.requireNonNull(status, "status");
        officialIds = List.copyOf(officialIds);
    }

    /** @return whether deliveries can go to it now */
    public boolean isActive() {
        return status == AddressStatus.ACTIVE;
    }

    /** @return the entity's name, or the person's name and surname */
    public String displayName() {
        if (entityName != null && !entityName.isBlank()) {
            return entityName;
        }
        return ((name == null ? "" : name) + " " + (surname == null ? "" : surname)).strip();
    }

    /** @return the warning, if BAE gave one */
    public Optional<String> warningText() {
        return Optional.ofNullable(warning);
    }

    /** @return the address, status and name as BAE gave them, {@linkplain PrintableText printable}; PESEL masked */
    @Override
    public String toString() {
        return PrintableText.of("AddressEntry[" + ade + " " + status + (isPublic ? " public" : "") + ", " + displayName()
                + ", " + officialIds + (warning == null ? "" : ", warning: " + warning) + "]");
    }
}
