/**
 * The ground every okienko module stands on: validated Polish identifiers ({@link dev.okienko.core.Pesel},
 * {@link dev.okienko.core.Nip}, {@link dev.okienko.core.Regon}, {@link dev.okienko.core.Krs},
 * {@link dev.okienko.core.Ade}, {@link dev.okienko.core.EpuapAddress}), hardened XML parsing
 * ({@link dev.okienko.core.SecureXml}), the HTTP stack ({@link dev.okienko.core.HttpClients}), system
 * credentials ({@link dev.okienko.core.SystemCredentials}), service environments
 * ({@link dev.okienko.core.Environment}) and the exception hierarchy rooted at
 * {@link dev.okienko.core.OkienkoException}.
 *
 * <p>Types in {@code dev.okienko.core.internal} are not API and may change in any release.
 */
@NullMarked
package dev.okienko.core;

import org.jspecify.annotations.NullMarked;
