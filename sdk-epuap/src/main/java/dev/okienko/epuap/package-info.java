/**
 * The ePUAP inbox client: skrytka, pull and doreczyciel over WS-Security, CRD documents, UPP and UPD.
 *
 * <p>This module is a placeholder in the reactor until its issue lands; it has no public types yet.
 */
@NullMarked
package dev.okienko.epuap;

import org.jspecify.annotations.NullMarked;
