/**
 * Parts the simulators share: the loopback HTTP(S) server they are served from and the queue of mishaps.
 * Not API: exported only to the simulator modules.
 */
@NullMarked
package dev.okienko.testkit.internal;

import org.jspecify.annotations.NullMarked;
