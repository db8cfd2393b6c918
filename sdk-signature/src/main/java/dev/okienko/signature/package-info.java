/**
 * XAdES and PAdES signing and verification on DSS, trust configuration and the Polish signature kinds (qualified, trusted profile, personal).
 *
 * <p>This module is a placeholder in the reactor until its issue lands; it has no public types yet.
 */
@NullMarked
package dev.okienko.signature;

import org.jspecify.annotations.NullMarked;
