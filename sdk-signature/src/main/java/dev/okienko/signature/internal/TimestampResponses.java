package dev.okienko.signature.internal;

import java.util.Arrays;

/**
 * Takes the time-stamp token out of an RFC 3161 TimeStampResp ({@code SEQUENCE { status PKIStatusInfo,
 * timeStampToken ContentInfo OPTIONAL }}), as a TSA answers and as some tools save it ({@code .tsr}), by reading its
 * DER structure with every length checked against the bytes there are.
 */
public final class TimestampResponses {
    /** Responses are small: a token with its TSA's chain is a few kilobytes. */
    public static final int MAX_SIZE = 1 << 20;

    private TimestampResponses() {
    }

    /**
     * @param der a TimeStampResp
     * @return the DER of its time-stamp token
     * @throws IllegalArgumentException naming what is wrong: a malformed structure, a status other than granted, or
     *     no token
     */
    public static byte[] token(byte[] der) {
        int[] outer = header(der, 0, "the response");
        int end = outer[0] + outer[1];
        if (end != der.length) {
            throw new IllegalArgumentException("the response's length (" + end + " bytes) is not the file's (" + der.length + ")");
        }
        int[] status = header(der, outer[0], "its status");
        int statusEnd = status[0] + status[1];
        int[] code = header(der, status[0], "its status code");
        if (der[status[0]] != 0x02 || code[1] != 1) {
            throw new IllegalArgumentException("its status is not an INTEGER from 0 to 5");
        }
        int value = der[code[0]];
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException("the TSA did not grant it: status " + value
                    + (value == 2 ? " (rejection)" : value == 3 ? " (waiting)" : value == 4 ? " (revocation warning)"
                    : value == 5 ? " (revocation notification)" : ""));
        }
        if (statusEnd >= end) {
            throw new IllegalArgumentException("it is granted but carries no time-stamp token");
        }
        int[] token = header(der, statusEnd, "its token");
        if (der[statusEnd] != 0x30 || token[0] + token[1] != end) {
            throw new IllegalArgumentException("its token is not one DER SEQUENCE to the end of the response");
        }
        return Arrays.copyOfRange(der, statusEnd, end);
    }

    /**
     * @return {start of the contents, their length} of the TLV at {@code at}
     */
    private static int[] header(byte[] der, int at, String what) {
        if (at + 2 > der.length) {
            throw new IllegalArgumentException(what + " is cut short");
        }
        int first = der[at + 1] & 0xFF;
        int start = at + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first - 0x80;
            if (octets < 1 || octets > 3 || start + octets > der.length) {
                throw new IllegalArgumentException(what + " has a length okienko does not read (indefinite, or over 16 MB)");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = length << 8 | (der[start + i] & 0xFF);
            }
            start += octets;
        }
        if (start + length > der.length) {
            throw new IllegalArgumentException(what + " claims " + length + " bytes, more than the file has");
        }
        return new int[] {start, (int) length};
    }
}
