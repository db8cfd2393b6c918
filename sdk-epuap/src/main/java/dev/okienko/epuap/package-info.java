/**
 * The ePUAP inbox client: skrytka, pull and doreczyciel over WS-Security, CRD documents, UPP and UPD.
 *
 * <p>Work in progress (issue 5). So far: {@link dev.okienko.epuap.TrustedProfileSigningClient} for the
 * trusted-profile signing service, on the SOAP and WS-Security internals in
 * {@code dev.okienko.epuap.internal.soap}.
 */
@NullMarked
package dev.okienko.epuap;

import org.jspecify.annotations.NullMarked;
