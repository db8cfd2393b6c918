/** Internals of the test kit. Not API. */
@NullMarked
package dev.okienko.testkit.pki.internal;

import org.jspecify.annotations.NullMarked;
