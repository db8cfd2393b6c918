/**
 * The ePUAP client: {@link dev.okienko.epuap.EpuapClient} sends to a box (skrytka) and gets its UPP, takes
 * documents from an inbox (pull, with {@link dev.okienko.epuap.InboxPoller}), delivers against a UPD
 * (doreczyciel) and downloads from the file repository, all over SOAP signed with WS-Security;
 * {@link dev.okienko.epuap.Upp} and {@link dev.okienko.epuap.Upd} read and check the receipts;
 * {@link dev.okienko.epuap.TrustedProfileSigningClient} signs with a trusted profile (TpSigning5);
 * {@link dev.okienko.epuap.EmergencyExport} reads the emergency export. CRD documents (Pismo ogólne) are in
 * {@code dev.okienko.epuap.document}.
 *
 * <p>Types in {@code dev.okienko.epuap.internal} are not API and may change in any release.
 */
@NullMarked
package dev.okienko.epuap;

import org.jspecify.annotations.NullMarked;
