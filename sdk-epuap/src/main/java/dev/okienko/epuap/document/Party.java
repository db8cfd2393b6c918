package dev.okienko.epuap.document;

import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.PrintableText;
import dev.okienko.core.Regon;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A sender or recipient of a document ({@code meta:Podmiot}): a person or an institution. */
public sealed interface Party permits Party.Person, Party.Institution {

    /** @return the e-mail address (adr:Kontakt/adr:Email), if given */
    @Nullable String email();

    /** @return the postal address, if given */
    @Nullable PostalAddress address();

    /**
     * A person ({@code oso:Osoba}).
     *
     * @param firstName Imie
     * @param surname Nazwisko
     * @param pesel IdOsoby/PESEL, if given
     * @param address the person's address
     * @param email the person's e-mail address
     */
    record Person(String firstName, String surname, @Nullable Pesel pesel, @Nullable PostalAddress address,
                  @Nullable String email) implements Party {
        /** Checks the names. */
        public Person {
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(surname, "surname");
        }

        /** @return the person's name, PESEL masked */
        @Override
        public String toString() {
            return PrintableText.of("Person[" + firstName + " " + surname + (pesel == null ? "" : ", " + pesel) + "]");
        }
    }

    /**
     * An institution ({@code inst:Instytucja}), e.g. a public body or a company.
     *
     * @param name NazwaInstytucji
     * @param unit Jednostka/NazwaInstytucji: the department addressed, if any
     * @param nip IdInstytucji/NIP
     * @param regon IdInstytucji/REGON
     * @param address the institution's address
     * @param email its e-mail address
     */
    record Institution(String name, @Nullable String unit, @Nullable Nip nip, @Nullable Regon regon,
                       @Nullable PostalAddress address, @Nullable String email) implements Party {
        /** Checks the name. */
        public Institution {
            Objects.requireNonNull(name, "name");
        }

        /** @return the name and unit, {@linkplain PrintableText printable} */
        @Override
        public String toString() {
            return PrintableText.of("Institution[" + name + (unit == null ? "" : ", " + unit) + (nip == null ? "" : ", NIP " + nip)
                    + "]");
        }
    }

    /**
     * @param firstName first name
     * @param surname surname
     * @param pesel PESEL, or null
     * @param address address, or null
     * @return a person
     */
    static Person person(String firstName, String surname, @Nullable Pesel pesel, @Nullable PostalAddress address) {
        return new Person(firstName, surname, pesel, address, null);
    }

    /**
     * @param name the institution's name
     * @param address its address, or null
     * @return an institution
     */
    static Institution institution(String name, @Nullable PostalAddress address) {
        return new Institution(name, null, null, null, address, null);
    }
}
