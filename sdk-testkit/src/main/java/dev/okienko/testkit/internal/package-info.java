/** Internals of the simulators. Not API. */
@NullMarked
package dev.okienko.testkit.internal;

import org.jspecify.annotations.NullMarked;
