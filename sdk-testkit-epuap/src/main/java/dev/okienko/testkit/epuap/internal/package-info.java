/**
 * The embedded ePUAP's SOAP services, one class each ({@link dev.okienko.testkit.epuap.internal.Skrytka},
 * {@link dev.okienko.testkit.epuap.internal.Pull}, {@link dev.okienko.testkit.epuap.internal.Doreczyciel},
 * {@link dev.okienko.testkit.epuap.internal.FileRepository}), over the state they share
 * ({@link dev.okienko.testkit.epuap.internal.EpuapState}). Not API.
 */
@NullMarked
package dev.okienko.testkit.epuap.internal;

import org.jspecify.annotations.NullMarked;
