/**
 * okienko in a Spring Boot application: its clients configured from {@code okienko.*} properties
 * ({@link dev.okienko.spring.OkienkoProperties}), with a health indicator and Micrometer observations of every HTTP
 * exchange. Auto-configured by {@link dev.okienko.spring.OkienkoAutoConfiguration}.
 */
@NullMarked
package dev.okienko.spring;

import org.jspecify.annotations.NullMarked;
