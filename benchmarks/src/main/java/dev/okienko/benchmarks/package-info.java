/**
 * JMH benchmarks of okienko's signing and verification next to the same operations done with DSS directly,
 * and {@link dev.okienko.benchmarks.LargeFiles}, which measures the peak heap of signing large files.
 * Run with {@code java -jar benchmarks/target/benchmarks.jar}; see BENCHMARKS.md.
 */
package dev.okienko.benchmarks;
