/** Internals of sdk-core. Not API: anything here may change in any release. */
@NullMarked
package dev.okienko.core.internal;

import org.jspecify.annotations.NullMarked;
