/**
 * The embedded ePUAP: {@link dev.okienko.testkit.epuap.EpuapSimulator} serves skrytka, pull, doreczyciel and
 * the file repository over SOAP with WS-Security, and
 * {@link dev.okienko.testkit.epuap.TrustedProfileSigningSimulator} the trusted-profile signing service
 * (TpSigning5), both on 127.0.0.1.
 *
 * <p>Tests of okienko's ePUAP client against this simulator live in this module: the simulator needs the
 * client module's code, so it cannot be a dependency of that module's own tests.
 */
@NullMarked
package dev.okienko.testkit.epuap;

import org.jspecify.annotations.NullMarked;
