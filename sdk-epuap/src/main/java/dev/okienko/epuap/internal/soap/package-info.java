/** SOAP 1.1 envelopes and their WS-Security (X.509 token, signed Body). Not API. */
@NullMarked
package dev.okienko.epuap.internal.soap;

import org.jspecify.annotations.NullMarked;
