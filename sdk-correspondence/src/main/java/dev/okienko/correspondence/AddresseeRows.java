package dev.okienko.correspondence;

import dev.okienko.core.Ade;
import dev.okienko.core.EpuapAddress;
import dev.okienko.correspondence.internal.Rows;
import dev.okienko.edelivery.HybridShipment;
import dev.okienko.edelivery.OfficialId;
import org.jspecify.annotations.Nullable;

/** An {@link Addressee} as a recipient's row (kind, value, postal address) and back. */
final class AddresseeRows {
    private AddresseeRows() {
    }

    /** @return the row of the recipient at a position */
    static Rows.NewRecipient write(int pos, Addressee a) {
        if (a instanceof Addressee.ByAde byAde) {
            return new Rows.NewRecipient(pos, "ADE", byAde.ade().value(), a.display(), null);
        }
        if (a instanceof Addressee.ByEpuapBox box) {
            return new Rows.NewRecipient(pos, "EPUAP", box.box().value(), a.display(), null);
        }
        Addressee.ByOfficialId official = (Addressee.ByOfficialId) a;
        HybridShipment.Addressee paper = official.paper();
        return new Rows.NewRecipient(pos, official.id().registry().name(), official.id().id(), a.display(),
                paper == null ? null : PaperAddress.write(paper));
    }

    /** @return the addressee a row holds */
    static Addressee read(String kind, String value, @Nullable String postal) {
        return switch (kind) {
            case "ADE" -> Addressee.of(Ade.parse(value));
            case "EPUAP" -> Addressee.of(EpuapAddress.parse(value));
            default -> {
                Addressee.ByOfficialId id = new Addressee.ByOfficialId(new OfficialId(OfficialId.Registry.valueOf(kind), value), null);
                yield postal == null ? id : id.withPaperAddress(PaperAddress.read(postal));
            }
        };
    }
}
