package dev.okienko.correspondence;

import dev.okienko.edelivery.HybridShipment;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A hybrid letter's addressee kept in one column: its fields joined by a unit separator. */
final class PaperAddress {
    private static final String SEPARATOR = "\u001f";

    private PaperAddress() {
    }

    static String write(HybridShipment.Addressee a) {
        // first name, last name, company, country, postal code, city, street, building, house
        HybridShipment.PostalAddress p = a.address();
        List<String> parts = new ArrayList<>();
        for (@Nullable String s : new @Nullable String[] {a.firstName(), a.lastName(), a.companyName(), p.country(),
            p.postalCode(), p.city(), p.street(), p.buildingNumber(), p.houseNumber()}) {
            parts.add(s == null ? "" : s.replace(SEPARATOR, " "));
        }
        return String.join(SEPARATOR, parts);
    }

    static HybridShipment.Addressee read(String column) {
        String[] f = column.split(SEPARATOR, -1);
        return new HybridShipment.Addressee(blankToNull(f[0]), blankToNull(f[1]), blankToNull(f[2]),
                new HybridShipment.PostalAddress(f[3], f[4], f[5], f[6], blankToNull(f[7]), blankToNull(f[8])));
    }

    private static @Nullable String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}

