package dev.okienko.epuap;

import org.jspecify.annotations.Nullable;

/**
 * What ePUAP answered to a {@link EpuapClient#deliver delivery}: the document waits for its recipient, who
 * must sign the UPD before it is revealed; the {@link Upd} then arrives in the reply box.
 *
 * @param documentId ePUAP's id of the document (identyfikatorDokumentu)
 * @param orderId the delivery order's id (identyfikatorZlecenia)
 * @param statusMessage ePUAP's status message (komunikat), if any
 */
public record DeliveryOrder(String documentId, @Nullable String orderId, @Nullable String statusMessage) {
}
