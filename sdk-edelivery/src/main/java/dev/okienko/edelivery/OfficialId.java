package dev.okienko.edelivery;

import dev.okienko.core.Krs;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.PrintableText;
import dev.okienko.core.Regon;
import java.util.Locale;
import java.util.Objects;

/**
 * An id in an official register, as BAE keeps it with an entry and takes it as a search criterion. Its
 * {@link #toString()} masks a PESEL.
 *
 * @param registry which register
 * @param id the id there
 */
public record OfficialId(Registry registry, String id) {

    /** The registers BAE refers to ({@code referenceRegistry}). */
    public enum Registry {
        /** Persons. */
        PESEL("pesel"),
        /** Statistical register. */
        REGON("regon"),
        /** Court register. */
        KRS("krs"),
        /** Tax ids. */
        NIP("nip"),
        /** EU identifiers. */
        UE("ue"),
        /** Id in the register of public trust professions. */
        KPP_ID("kppId");

        private final String wireName;

        Registry(String wireName) {
            this.wireName = wireName;
        }

        /** @return the name in the SE API */
        public String wireName() {
            return wireName;
        }

        /**
         * @param wireName a name in the SE API, e.g. {@code nip}
         * @return the register
         * @throws IllegalArgumentException for an unknown name
         */
        public static Registry ofWireName(String wireName) {
            for (Registry r : values()) {
                if (r.wireName.equals(wireName)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("no reference registry " + wireName);
        }
    }

    /** Checks both parts. */
    public OfficialId {
        Objects.requireNonNull(registry, "registry");
        if (Objects.requireNonNull(id, "id").isBlank()) {
            throw new IllegalArgumentException("an official id cannot be blank");
        }
    }

    /**
     * @param pesel a PESEL
     * @return it as an official id
     */
    public static OfficialId of(Pesel pesel) {
        return new OfficialId(Registry.PESEL, pesel.value());
    }

    /**
     * @param nip a NIP
     * @return it as an official id
     */
    public static OfficialId of(Nip nip) {
        return new OfficialId(Registry.NIP, nip.value());
    }

    /**
     * @param regon a REGON
     * @return it as an official id
     */
    public static OfficialId of(Regon regon) {
        return new OfficialId(Registry.REGON, regon.value());
    }

    /**
     * @param krs a KRS number
     * @return it as an official id
     */
    public static OfficialId of(Krs krs) {
        return new OfficialId(Registry.KRS, krs.value());
    }

    @Override
    public String toString() {
        String shown = registry == Registry.PESEL && id.length() > 4 ? "*******" + id.substring(id.length() - 4) : id;
        return registry.name().toLowerCase(Locale.ROOT) + ":" + PrintableText.of(shown);
    }
}
