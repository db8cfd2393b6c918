package dev.okienko.epuap.document;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A postal address as CRD structures hold it ({@code adr:Adres}).
 *
 * @param postalCode KodPocztowy, e.g. {@code 15-950}
 * @param post Poczta, the post office's town when it differs from the town
 * @param town Miejscowosc
 * @param street Ulica
 * @param building Budynek (house number)
 * @param flat Lokal
 */
public record PostalAddress(@Nullable String postalCode, @Nullable String post, String town, @Nullable String street,
                            @Nullable String building, @Nullable String flat) {

    /** Checks that there is a town. */
    public PostalAddress {
        Objects.requireNonNull(town, "town");
        if (town.isBlank()) {
            throw new IllegalArgumentException("an address needs a town (Miejscowosc)");
        }
    }

    /**
     * @param postalCode e.g. {@code 15-950}
     * @param town the town
     * @param street the street, or null in a village without streets
     * @param building the house number
     * @return an address without flat and post office
     */
    public static PostalAddress of(String postalCode, String town, @Nullable String street, String building) {
        return new PostalAddress(postalCode, null, town, street, building, null);
    }
}
