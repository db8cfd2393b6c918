/** Internals of sdk-signature, including everything that touches DSS. Not API. */
@NullMarked
package dev.okienko.signature.internal;

import org.jspecify.annotations.NullMarked;
