/**
 * okienko's test kit for vendors: the test PKI ({@code dev.okienko.testkit.pki}, from sdk-testkit-pki) and
 * the embedded simulators of ePUAP ({@link dev.okienko.testkit.EpuapSimulator}), e-Doręczenia
 * ({@link dev.okienko.testkit.EDeliverySimulator}) and the trusted-profile signing service
 * ({@link dev.okienko.testkit.TrustedProfileSigningSimulator}) that speak the real protocols over loopback.
 *
 * <p>The PKI lives in its own module because the service modules test with it: a simulator needs the
 * service module's code (WS-Security, signing), so it cannot be a dependency of that module's own tests.
 * Tests of a client against its simulator live here.
 */
@NullMarked
package dev.okienko.testkit;

import org.jspecify.annotations.NullMarked;
