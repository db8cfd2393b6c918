/** Internals of sdk-epuap: not API, may change without notice. */
@NullMarked
package dev.okienko.epuap.internal;

import org.jspecify.annotations.NullMarked;
