package dev.okienko.edelivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The evidence codes both ways: dotted and undotted, ETSI events, and the status each leads to. */
class EvidenceCodeTest {

    @ParameterizedTest
    @EnumSource(EvidenceCode.class)
    void of_dottedAndUndotted_sameCode(EvidenceCode code) {
        assertThat(EvidenceCode.of(code.code())).contains(code);
        assertThat(EvidenceCode.of(code.undotted())).contains(code);
        assertThat(code.toString()).isEqualTo(code.code());
    }

    @ParameterizedTest
    @EnumSource(EvidenceCode.class)
    void ofEtsiEvent_roundTrip(EvidenceCode code) {
        code.etsiEvent().ifPresent(event ->
                assertThat(EvidenceCode.ofEtsiEvent(EvidenceCode.ETSI_EVENT_PREFIX + event)).contains(code));
    }

    @Test
    void of_unknownOrEmpty_empty() {
        assertThat(EvidenceCode.of("Z.9")).isEmpty();
        assertThat(EvidenceCode.of("")).isEmpty();
        assertThat(EvidenceCode.ofEtsiEvent("http://uri.etsi.org/19522/Event/Unheard")).isEmpty();
    }

    @Test
    void of_caseAndSpaces_ignored_eventsByNameAlone() {
        assertThat(EvidenceCode.of(" e1 ")).contains(EvidenceCode.E_1);
        assertThat(EvidenceCode.of("bp.ox")).contains(EvidenceCode.BP_OX);
        assertThat(EvidenceCode.ofEtsiEvent("ContentHandover")).contains(EvidenceCode.E_1);
    }

    @Test
    void statusAfter_deliveryAndFailure() {
        assertThat(EvidenceCode.E_1.statusAfter()).contains(MessageStatus.DORECZONA);
        assertThat(EvidenceCode.D_1.statusAfter()).contains(MessageStatus.CZEKA_NA_DORECZENIE);
        assertThat(EvidenceCode.A_2.statusAfter()).contains(MessageStatus.ODRZUCONA);
        assertThat(EvidenceCode.C_1.statusAfter()).isEmpty();
    }

    @Test
    void isHybrid_onlyTheHybridServicesCodes() {
        assertThat(EvidenceCode.values()).filteredOn(EvidenceCode::isHybrid)
                .containsExactlyInAnyOrder(EvidenceCode.H_DW, EvidenceCode.H_PN, EvidenceCode.H_EPO);
    }
}
