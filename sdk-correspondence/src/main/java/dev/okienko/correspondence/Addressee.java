package dev.okienko.correspondence;

import dev.okienko.core.Ade;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Krs;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.Regon;
import dev.okienko.edelivery.HybridShipment;
import dev.okienko.edelivery.OfficialId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whom a letter is for, as the office knows them: by electronic delivery address, by an official id (the
 * routing policy looks the address up in BAE), or by ePUAP box. The identifiers are parsed values, so a wrong
 * check digit never reaches the store.
 */
public sealed interface Addressee {

    /** @return how the addressee is shown to a person (a PESEL masked) */
    String display();

    /**
     * @param ade an electronic delivery address
     * @return an addressee with it
     */
    static ByAde of(Ade ade) {
        return new ByAde(ade);
    }

    /**
     * @param pesel a person's PESEL
     * @return an addressee found in BAE by it
     */
    static ByOfficialId of(Pesel pesel) {
        return new ByOfficialId(OfficialId.of(pesel), null);
    }

    /**
     * @param nip a NIP
     * @return an addressee found in BAE by it
     */
    static ByOfficialId of(Nip nip) {
        return new ByOfficialId(OfficialId.of(nip), null);
    }

    /**
     * @param regon a REGON
     * @return an addressee found in BAE by it
     */
    static ByOfficialId of(Regon regon) {
        return new ByOfficialId(new OfficialId(OfficialId.Registry.REGON, regon.value()), null);
    }

    /**
     * @param krs a KRS number
     * @return an addressee found in BAE by it
     */
    static ByOfficialId of(Krs krs) {
        return new ByOfficialId(OfficialId.of(krs), null);
    }

    /**
     * @param box an ePUAP box
     * @return an addressee reached at it
     */
    static ByEpuapBox of(EpuapAddress box) {
        return new ByEpuapBox(box);
    }

    /**
     * An addressee by electronic delivery address.
     *
     * @param ade the address
     */
    record ByAde(Ade ade) implements Addressee {
        /** Checks the address is given. */
        public ByAde {
            Objects.requireNonNull(ade, "ade");
        }

        @Override
        public String display() {
            return ade.value();
        }
    }

    /**
     * An addressee by official id, looked up in BAE when the letter is routed.
     *
     * @param id the id
     * @param paper name and postal address for a hybrid (paper) letter when BAE has no active address; null
     *     when the office has none
     */
    record ByOfficialId(OfficialId id, HybridShipment.@Nullable Addressee paper) implements Addressee {
        /** Checks the id is given. */
        public ByOfficialId {
            Objects.requireNonNull(id, "id");
        }

        /**
         * @param postal name and postal address for a hybrid letter
         * @return this addressee with them
         */
        public ByOfficialId withPaperAddress(HybridShipment.Addressee postal) {
            return new ByOfficialId(id, Objects.requireNonNull(postal, "postal"));
        }

        @Override
        public String display() {
            return id.registry() == OfficialId.Registry.PESEL ? "pesel:" + Pesel.mask(id.id())
                    : id.registry().name().toLowerCase(java.util.Locale.ROOT) + ":" + id.id();
        }
    }

    /**
     * An addressee by ePUAP box.
     *
     * @param box the box
     */
    record ByEpuapBox(EpuapAddress box) implements Addressee {
        /** Checks the box is given. */
        public ByEpuapBox {
            Objects.requireNonNull(box, "box");
        }

        @Override
        public String display() {
            return box.value();
        }
    }
}
