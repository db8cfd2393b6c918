/** The starter's parts that are not API: the health indicators for each Spring Boot generation. */
@NullMarked
package dev.okienko.spring.internal;

import org.jspecify.annotations.NullMarked;
