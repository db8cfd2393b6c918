/**
 * The embedded ePUAP's SOAP services, one class each ({@link dev.okienko.testkit.internal.epuap.Skrytka},
 * {@link dev.okienko.testkit.internal.epuap.Pull}, {@link dev.okienko.testkit.internal.epuap.Doreczyciel},
 * {@link dev.okienko.testkit.internal.epuap.FileRepository}), over the state they share
 * ({@link dev.okienko.testkit.internal.epuap.EpuapState}). Not API.
 */
@NullMarked
package dev.okienko.testkit.internal.epuap;

import org.jspecify.annotations.NullMarked;
