/**
 * The correspondence store's parts: migrations, the content store, the rows, the lease, the workers'
 * steps. Not API.
 */
@NullMarked
package dev.okienko.correspondence.internal;

import org.jspecify.annotations.NullMarked;
