/**
 * The one window for an office's outgoing correspondence: {@link dev.okienko.correspondence.Correspondence}
 * stores each {@link dev.okienko.correspondence.OutgoingLetter} durably in a real database
 * ({@link dev.okienko.correspondence.CorrespondenceStore}: PostgreSQL, or H2 embedded in a folder), routes each
 * recipient to e-Doręczenia, ePUAP or a hybrid (paper) letter, sends it exactly once across crashes and
 * nodes, and keeps its receipts and timeline.
 */
@NullMarked
package dev.okienko.correspondence;

import org.jspecify.annotations.NullMarked;
