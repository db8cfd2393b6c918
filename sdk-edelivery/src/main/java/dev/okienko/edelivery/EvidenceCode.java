package dev.okienko.edelivery;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The kinds of evidence e-Doręczenia issues: the ETSI EN 319 522 sets A (submission), B (relay), C (relay
 * outside e-Delivery), D (consignment), E (handover), the Polish proofs of sending and receipt (BP.*) and the
 * hybrid (paper) service's H.*. The UA API writes them dotted ({@code A.1}, {@code BP.OX}) and, at times,
 * undotted ({@code A1}, {@code BPOX}); {@link #of(String)} takes both.
 */
public enum EvidenceCode {
    /** A.1: submission accepted. */
    A_1("A.1", "SubmissionAcceptance", MessageStatus.NADANA),
    /** A.2: submission rejected. */
    A_2("A.2", "SubmissionRejection", MessageStatus.ODRZUCONA),
    /** B.1: relay to the recipient's provider accepted. */
    B_1("B.1", "RelayAcceptance", MessageStatus.WYSLANA),
    /** B.2: relay rejected. */
    B_2("B.2", "RelayRejection", MessageStatus.NIEDORECZONA),
    /** B.3: relay failed. */
    B_3("B.3", "RelayFailure", MessageStatus.NIEDORECZONA),
    /** C.1: relayed outside e-Delivery. */
    C_1("C.1", null, null),
    /** C.2: relay outside e-Delivery failed. */
    C_2("C.2", null, null),
    /** D.1: ready for collection in the recipient's mailbox. */
    D_1("D.1", "ContentConsignment", MessageStatus.CZEKA_NA_DORECZENIE),
    /** D.2: could not be made ready for collection. */
    D_2("D.2", "ContentConsignmentFailure", MessageStatus.NIEDORECZONA),
    /** D.3: the recipient was notified. */
    D_3("D.3", "NotificationForAcceptance", null),
    /** E.1: handed over to the recipient (opened); also issued on presumed delivery. */
    E_1("E.1", "ContentHandover", MessageStatus.DORECZONA),
    /** E.2: handover failed. */
    E_2("E.2", "ContentHandoverFailure", MessageStatus.NIEDORECZONA),
    /** BP.WX: proof of sending, XML. */
    BP_WX("BP.WX", null, null),
    /** BP.WP: proof of sending, PDF. */
    BP_WP("BP.WP", null, null),
    /** BP.OX: proof of receipt, XML. */
    BP_OX("BP.OX", null, null),
    /** BP.OP: proof of receipt, PDF. */
    BP_OP("BP.OP", null, null),
    /** H.DW: hybrid service, accepted for printing. */
    H_DW("H.DW", null, null),
    /** H.PN: hybrid service, posted (proof of posting). */
    H_PN("H.PN", null, null),
    /** H.EPO: hybrid service, electronic confirmation of receipt of the paper letter. */
    H_EPO("H.EPO", null, MessageStatus.DORECZONA);

    /** The prefix of ETSI EN 319 522 event ids ({@code ERDSEventId}). */
    public static final String ETSI_EVENT_PREFIX = "http://uri.etsi.org/19522/Event/";

    private final String code;
    private final @Nullable String etsiEvent;
    private final @Nullable MessageStatus statusAfter;

    EvidenceCode(String code, @Nullable String etsiEvent, @Nullable MessageStatus statusAfter) {
        this.code = code;
        this.etsiEvent = etsiEvent;
        this.statusAfter = statusAfter;
    }

    /** @return the dotted code, e.g. {@code A.1}, {@code BP.OX} */
    public String code() {
        return code;
    }

    /** @return the undotted alias, e.g. {@code A1}, {@code BPOX} */
    public String undotted() {
        return code.replace(".", "");
    }

    /** @return the ETSI EN 319 522 event name, e.g. {@code SubmissionAcceptance}, for the A-E sets */
    public Optional<String> etsiEvent() {
        return Optional.ofNullable(etsiEvent);
    }

    /** @return the status a message reaches when this evidence is issued, when it changes the status */
    public Optional<MessageStatus> statusAfter() {
        return Optional.ofNullable(statusAfter);
    }

    /** @return whether it is a hybrid (paper) service evidence */
    public boolean isHybrid() {
        return code.startsWith("H.");
    }

    /**
     * @param code a code, dotted ({@code E.1}) or not ({@code E1}); case does not matter
     * @return the kind, or empty for a code this version does not know (such as a bare {@code D})
     */
    public static Optional<EvidenceCode> of(String code) {
        String c = code.strip().toUpperCase(Locale.ROOT).replace(".", "");
        for (EvidenceCode e : values()) {
            if (e.undotted().equals(c)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * @param eventId an {@code ERDSEventId}, full ({@code http://uri.etsi.org/19522/Event/ContentHandover}) or
     *     just the name
     * @return the kind with that ETSI event, or empty
     */
    public static Optional<EvidenceCode> ofEtsiEvent(String eventId) {
        String name = eventId.strip();
        if (name.startsWith(ETSI_EVENT_PREFIX)) {
            name = name.substring(ETSI_EVENT_PREFIX.length());
        }
        for (EvidenceCode e : values()) {
            if (name.equals(e.etsiEvent)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return code;
    }
}
