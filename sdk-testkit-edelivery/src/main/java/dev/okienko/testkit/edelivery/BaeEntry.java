package dev.okienko.testkit.edelivery;

import dev.okienko.core.Ade;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.edelivery.AddressQuery;
import dev.okienko.edelivery.AddressStatus;
import dev.okienko.edelivery.AssignmentDegree;
import dev.okienko.edelivery.OfficialId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An entry of the simulated address database (BAE), added with {@link EDeliverySimulator#addAddress}.
 *
 * @param ade the address
 * @param status its status
 * @param degree its assignment degree
 * @param isPublic whether the owner is a public entity
 * @param category the search category it is found under
 * @param entityName the entity's name, or null for a person
 * @param name a person's first name, or null
 * @param surname a person's surname, or null
 * @param officialIds the owner's ids in official registers
 * @param city the city of its correspondence address
 */
public record BaeEntry(Ade ade, AddressStatus status, AssignmentDegree degree, boolean isPublic,
                       AddressQuery.Category category, @Nullable String entityName, @Nullable String name,
                       @Nullable String surname, List<OfficialId> officialIds, String city) {

    /** Copies the list. */
    public BaeEntry {
        officialIds = List.copyOf(officialIds);
    }

    /**
     * @param ade its address
     * @param name the body's name
     * @param nip its NIP
     * @param city its city
     * @return an active, disclosed address of a public body
     */
    public static BaeEntry publicBody(Ade ade, String name, Nip nip, String city) {
        return new BaeEntry(ade, AddressStatus.ACTIVE, AssignmentDegree.DISCLOSED, true,
                AddressQuery.Category.PUBLIC_INSTITUTION, name, null, null, List.of(OfficialId.of(nip)), city);
    }

    /**
     * @param ade their address
     * @param name first name
     * @param surname surname
     * @param pesel their PESEL
     * @param city their city
     * @return an active, disclosed address of a natural person
     */
    public static BaeEntry person(Ade ade, String name, String surname, Pesel pesel, String city) {
        return new BaeEntry(ade, AddressStatus.ACTIVE, AssignmentDegree.DISCLOSED, false,
                AddressQuery.Category.INDIVIDUAL, null, name, surname, List.of(OfficialId.of(pesel)), city);
    }

    /**
     * @param newStatus another status
     * @return this entry with it
     */
    public BaeEntry withStatus(AddressStatus newStatus) {
        return new BaeEntry(ade, newStatus, degree, isPublic, category, entityName, name, surname, officialIds, city);
    }
}
