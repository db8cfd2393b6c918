/**
 * The ePUAP inbox client: skrytka, pull and doreczyciel over WS-Security, CRD documents, UPP and UPD.
 *
 * <p>Work in progress (issue 5): so far only the SOAP and WS-Security internals exist, in
 * {@code dev.okienko.epuap.internal.soap}; there is no public type yet.
 */
@NullMarked
package dev.okienko.epuap;

import org.jspecify.annotations.NullMarked;
