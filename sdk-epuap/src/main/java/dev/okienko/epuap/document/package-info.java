/**
 * Documents that travel through ePUAP: "Pismo ogólne do podmiotu publicznego" ({@link
 * dev.okienko.epuap.document.PismoOgolne}: model, writer, reader) and its rendering to HTML for a person
 * ({@link dev.okienko.epuap.document.DocumentHtml}).
 */
@NullMarked
package dev.okienko.epuap.document;

import org.jspecify.annotations.NullMarked;
