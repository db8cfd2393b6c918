/**
 * Runnable examples of okienko and its command line, {@code ./okienko}. {@link dev.okienko.examples.Demo}
 * is the end-to-end demo against the embedded test services; {@link dev.okienko.examples.OkienkoCommand}
 * is the command line's entry point.
 */
@NullMarked
package dev.okienko.examples;

import org.jspecify.annotations.NullMarked;
