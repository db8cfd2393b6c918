package dev.okienko.correspondence;

import dev.okienko.edelivery.AddressEntry;
import dev.okienko.edelivery.AddressStatus;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides each recipient's channel, and says why. The default, {@link #lawOf2026()}, follows the law on
 * electronic delivery as public material describes it in 2026; an office replaces it with its own where it
 * knows better (a procedure that keeps ePUAP, a recipient it may only reach on paper).
 */
@FunctionalInterface
public interface RoutingPolicy {

    /**
     * @param addressee the recipient as submitted
     * @param context BAE and the time
     * @return the route, with the reason and what it was based on
     */
    Route route(Addressee addressee, RoutingContext context);

    /**
     * The law as of 2026 (act of 18 Nov 2020 on electronic delivery, as amended):
     * <ul>
     *   <li>by ADE: e-Doręczenia when BAE lists the address as ACTIVE; a closed or struck-off address reaches
     *       nobody;</li>
     *   <li>by official id (PESEL, NIP, REGON, KRS): e-Doręczenia to the ACTIVE address BAE has for it (the
     *       main one when there are several); without one, a hybrid letter when the office enabled it and gave
     *       a postal address; otherwise undeliverable;</li>
     *   <li>by ePUAP box: ePUAP until 30 Sep 2029 (between public bodies); after that date undeliverable, unless
     *       an office's own policy keeps ePUAP for a procedure whose law does.</li>
     * </ul>
     *
     * @return the policy
     */
    static RoutingPolicy lawOf2026() {
        return lawOf2026(LocalDate.of(2029, 9, 30));
    }

    /**
     * {@link #lawOf2026()} with another last day for ePUAP between public bodies (should the law move it).
     *
     * @param lastEpuapDay the last day ePUAP boxes are a channel
     * @return the policy
     */
    static RoutingPolicy lawOf2026(LocalDate lastEpuapDay) {
        Objects.requireNonNull(lastEpuapDay, "lastEpuapDay");
        return (addressee, context) -> {
            String at = "at " + context.now();
            if (addressee instanceof Addressee.ByAde byAde) {
                Optional<AddressEntry> entry = context.entryOf(byAde.ade());
                String basis = "BAE " + byAde.ade().value() + ": " + entry.map(e -> e.status().name()).orElse("not found") + " " + at;
                if (entry.isPresent() && entry.get().status() == AddressStatus.ACTIVE) {
                    return new Route(Channel.EDELIVERY, byAde.ade().value(), "the address is ACTIVE in BAE", basis);
                }
                return new Route(Channel.NONE, null, entry.isEmpty() ? "the address is not in BAE"
                        : "the address is " + entry.get().status() + " in BAE, not ACTIVE", basis);
            }
            if (addressee instanceof Addressee.ByOfficialId official) {
                List<AddressEntry> found = context.addressesOf(official.id());
                String basis = "BAE by " + addressee.display() + ": " + (found.isEmpty() ? "nothing"
                        : found.stream().map(e -> e.ade().value() + " " + e.status()).collect(Collectors.joining(", "))) + " " + at;
                Optional<AddressEntry> active = found.stream().filter(e -> e.status() == AddressStatus.ACTIVE)
                        .min((a, b) -> Boolean.compare(!Boolean.TRUE.equals(a.mainAddress()), !Boolean.TRUE.equals(b.mainAddress())));
                if (active.isPresent()) {
                    return new Route(Channel.EDELIVERY, active.get().ade().value(), "BAE has an ACTIVE address for "
                            + addressee.display(), basis);
                }
                if (official.paper() != null && context.hybridEnabled()) {
                    return new Route(Channel.HYBRID, null, "no ACTIVE address in BAE for " + addressee.display()
                            + ": a hybrid letter to the postal address", basis);
                }
                return new Route(Channel.NONE, null, "no ACTIVE address in BAE for " + addressee.display()
                        + (context.hybridEnabled() ? ", and no postal address for a hybrid letter" : ", and hybrid letters are not enabled"),
                        basis);
            }
            Addressee.ByEpuapBox box = (Addressee.ByEpuapBox) addressee;
            LocalDate today = LocalDate.ofInstant(context.now(), ZoneId.of("Europe/Warsaw"));
            String basis = "ePUAP box " + box.box().value() + ", today " + today + ", ePUAP until " + lastEpuapDay;
            if (!today.isAfter(lastEpuapDay)) {
                return new Route(Channel.EPUAP, box.box().value(), "ePUAP boxes remain a channel between public bodies until "
                        + lastEpuapDay, basis);
            }
            return new Route(Channel.NONE, null, "ePUAP boxes ceased to be a channel after " + lastEpuapDay, basis);
        };
    }
}
