package dev.okienko.core;

import org.jspecify.annotations.Nullable;

/**
 * Makes text that came from outside (a document, a certificate, a file name, a service's answer) safe to show to a
 * person: on a terminal, in a log line, in an HTML page. Control characters (line breaks, escape sequences, carriage
 * returns, NUL), Unicode line and paragraph separators and the invisible characters that reorder or hide text
 * (bidirectional overrides and isolates, zero-width marks) are written as visible escapes such as {@code \n} or
 * {@code \u001B}, so one value is always one line that says what it holds: a certificate name cannot print a forged
 * "VALID" line of its own, move the cursor, or turn the rest of the screen red.
 *
 * <p>okienko applies it to every exception message ({@link OkienkoException}), every {@code summary()} and
 * {@code toString()} that shows outside data, the command line's output and the HTML reports. Values in
 * records and JSON output stay exact: neutralise when you show, not when you store.
 */
public final class PrintableText {
    private PrintableText() {
    }

    /**
     * @param text text from outside, or null
     * @return the same text with every character that could act on a terminal or hide text replaced by a
     *     visible escape; {@code "null"} for null
     */
    public static String of(@Nullable String text) {
        return neutralise(text, false);
    }

    /**
     * For text that has lines of its own, such as a page or a report: like {@link #of(String)}, but line
     * feeds, carriage returns and tabs stay as they are.
     *
     * @param text text from outside, or null
     * @return the text with every other control and invisible character replaced by a visible escape
     */
    public static String ofMultiline(@Nullable String text) {
        return neutralise(text, true);
    }

    private static String neutralise(@Nullable String text, boolean multiline) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && isKept(text.charAt(i), multiline)) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isKept(c, multiline)) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    /**
     * @param text text from outside
     * @return whether {@link #of(String)} would leave it as it is
     */
    public static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isPlain(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKept(char c, boolean multiline) {
        return isPlain(c) || (multiline && (c == '\n' || c == '\r' || c == '\t'));
    }

    private static boolean isPlain(char c) {
        if (c < 0x20 || c == 0x7F) {
            return false;
        }
        if (c < 0x80) {
            return true;
        }
        return !(c <= 0x9F                          // C1 controls, incl. CSI (U+009B)
                || c == 0x061C                          // Arabic letter mark
                || (c >= 0x200B && c <= 0x200F)         // zero-width space/joiners, LRM, RLM
                || (c >= 0x2028 && c <= 0x202E)         // line/paragraph separators, bidi embeddings and overrides
                || (c >= 0x2060 && c <= 0x206F)         // word joiner, invisible operators, bidi isolates
                || c == 0xFEFF                          // zero-width no-break space (BOM)
                || (c >= 0xFFF9 && c <= 0xFFFB));       // interlinear annotation controls
    }
}
