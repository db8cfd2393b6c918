/** A sample Spring Boot application with okienko's starter. */
@NullMarked
package dev.okienko.examples.spring;

import org.jspecify.annotations.NullMarked;
