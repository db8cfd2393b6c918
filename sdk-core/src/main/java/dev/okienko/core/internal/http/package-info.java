/** The HTTP stack's interceptors. Not API. */
@NullMarked
package dev.okienko.core.internal.http;

import org.jspecify.annotations.NullMarked;
