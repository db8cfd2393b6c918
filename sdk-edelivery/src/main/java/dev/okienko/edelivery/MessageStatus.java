package dev.okienko.edelivery;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The status of a message in an e-Doręczenia mailbox ({@code messageControlData.status}), with the Polish
 * string the UA API uses, and the evidences that bring a message there.
 */
public enum MessageStatus {
    /** "W trakcie weryfikacji": the operator is checking the message. */
    W_TRAKCIE_WERYFIKACJI("W trakcie weryfikacji", false),
    /** "Przekazana do realizacji": handed over for processing. */
    PRZEKAZANA_DO_REALIZACJI("Przekazana do realizacji", false),
    /** "Odrzucona": rejected on submission (evidence A.2). */
    ODRZUCONA("Odrzucona", true),
    /** "Nadana": submission accepted (evidence A.1). */
    NADANA("Nadana", false),
    /** "Wysłana": relayed to the recipient's provider (evidence B.1). */
    WYSLANA("Wysłana", false),
    /** "Czeka na doręczenie": in the recipient's mailbox, not yet opened (evidence D.1). */
    CZEKA_NA_DORECZENIE("Czeka na doręczenie", false),
    /** "Doręczona": the recipient opened it (evidence E.1). */
    DORECZONA("Doręczona", true),
    /** "Uznana za doręczoną": presumed delivered, 14 days after D.1 without opening. */
    UZNANA_ZA_DORECZONA("Uznana za doręczoną", true),
    /** "Niedoręczona": could not be delivered (B.2, B.3, D.2, E.2). */
    NIEDORECZONA("Niedoręczona", true);

    private final String wire;
    private final boolean terminal;

    MessageStatus(String wire, boolean terminal) {
        this.wire = wire;
        this.terminal = terminal;
    }

    /** @return the status as the UA API writes it, e.g. {@code "Czeka na doręczenie"} */
    public String wireName() {
        return wire;
    }

    /** @return whether nothing more happens to a message in this status */
    public boolean isTerminal() {
        return terminal;
    }

    /** @return whether the message counts as delivered: opened, or presumed delivered */
    public boolean isDelivered() {
        return this == DORECZONA || this == UZNANA_ZA_DORECZONA;
    }

    /**
     * @return the evidences whose issue puts a message in this status; empty for the statuses before A.1.
     *     Presumed delivery shares E.1 with delivery (the operator's evidence for it is not published; the
     *     embedded e-Doręczenia issues E.1 with a reason saying so)
     */
    public Set<EvidenceCode> evidenceCodes() {
        Set<EvidenceCode> codes = EnumSet.noneOf(EvidenceCode.class);
        for (EvidenceCode c : EvidenceCode.values()) {
            if (c.statusAfter().orElse(null) == this || (this == UZNANA_ZA_DORECZONA && c == EvidenceCode.E_1)) {
                codes.add(c);
            }
        }
        return codes;
    }

    /**
     * @param status a status as the UA API writes it; case and surrounding space do not matter
     * @return the status, or empty for one this version does not know
     */
    public static Optional<MessageStatus> ofWireName(String status) {
        String s = status.strip().toLowerCase(Locale.ROOT);
        for (MessageStatus m : values()) {
            if (m.wire.toLowerCase(Locale.ROOT).equals(s)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wire;
    }
}
