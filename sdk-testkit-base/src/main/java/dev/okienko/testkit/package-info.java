/**
 * What every embedded simulator shares: the {@link dev.okienko.testkit.SimulatorClock} that moves their time
 * forward, and the {@link dev.okienko.testkit.Mishap}s they can be told to answer with. The simulators
 * themselves are in {@code dev.okienko.testkit.edelivery} (sdk-testkit-edelivery) and
 * {@code dev.okienko.testkit.epuap} (sdk-testkit-epuap); the test PKI in {@code dev.okienko.testkit.pki}
 * (sdk-testkit-pki). Vendors depend on {@code sdk-testkit}, which brings them all.
 */
@NullMarked
package dev.okienko.testkit;

import org.jspecify.annotations.NullMarked;
