package dev.okienko.signature.internal;

import dev.okienko.signature.Content;
import java.io.IOException;
import java.io.InputStream;

/** Byte searches over content too large to hold: one pass, constant memory. */
final class Bytes {
    private Bytes() {
    }

    /**
     * @param content what to search
     * @param needles byte strings to look for
     * @return whether any of them occurs; false also when the content cannot be read
     */
    static boolean containsAny(Content content, byte[]... needles) {
        int longest = 0;
        for (byte[] needle : needles) {
            longest = Math.max(longest, needle.length);
        }
        int overlap = longest - 1;
        byte[] window = new byte[64 * 1024 + overlap];
        try (InputStream in = content.openStream()) {
            int kept = 0;
            int read;
            while ((read = in.read(window, kept, window.length - kept)) > 0) {
                int filled = kept + read;
                for (byte[] needle : needles) {
                    if (indexOf(window, filled, needle) >= 0) {
                        return true;
                    }
                }
                kept = Math.min(overlap, filled);
                System.arraycopy(window, filled - kept, window, 0, kept);
            }
            return false;
        } catch (IOException | java.io.UncheckedIOException | dev.okienko.core.LocalFileException e) {
            return false;
        }
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
