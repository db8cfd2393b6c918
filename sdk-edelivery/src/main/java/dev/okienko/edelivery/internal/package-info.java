/** Internals of sdk-edelivery: not API, may change without notice. */
@NullMarked
package dev.okienko.edelivery.internal;

import org.jspecify.annotations.NullMarked;
