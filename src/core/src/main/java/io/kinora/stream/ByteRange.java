package io.kinora.stream;

/**
 * A Range request header against a representation of a known length (RFC 9110 14.1.2, 14.2). Reads outside
 * input, so it never throws: numbers longer than a long are taken as "very large", which is what they mean
 * ({@code bytes=0-99999999999999999999} is the whole file, a suffix longer than the file is the whole file, a
 * first position beyond the end is unsatisfiable).
 *
 * <p>One range is served; several ranges, another unit or a header that does not parse are ignored, so the whole
 * representation goes out with 200, as RFC 9110 allows.
 */
public record ByteRange(Kind kind, long first, long last) {
    public enum Kind { WHOLE, PARTIAL, UNSATISFIABLE }

    static final ByteRange WHOLE = new ByteRange(Kind.WHOLE, 0, -1);
    static final ByteRange UNSATISFIABLE = new ByteRange(Kind.UNSATISFIABLE, 0, -1);
    private static final int MAX_HEADER = 200;

    public long length() { return last - first + 1; }

    /** The range to send of {@code length} bytes; {@code header} may be null. */
    public static ByteRange parse(String header, long length) {
        if (header == null || length < 0 || header.length() > MAX_HEADER) return WHOLE;
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) return WHOLE;
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf('-', dash + 1) >= 0 || spec.indexOf(',') >= 0) return WHOLE;
        String a = spec.substring(0, dash).strip(), b = spec.substring(dash + 1).strip();
        if (a.isEmpty() && b.isEmpty()) return WHOLE;
        long first = a.isEmpty() ? -1 : number(a);
        long last = b.isEmpty() ? -1 : number(b);
        if (first == -2 || last == -2) return WHOLE; // not digits: the header is invalid and ignored
        if (a.isEmpty()) { // suffix: the last n bytes
            if (last == 0 || length == 0) return UNSATISFIABLE;
            return new ByteRange(Kind.PARTIAL, Math.max(0, length - last), length - 1);
        }
        if (!b.isEmpty() && last < first) return WHOLE; // invalid range-spec: ignored (RFC 9110 14.1.1)
        if (first >= length) return UNSATISFIABLE;
        long end = b.isEmpty() ? length - 1 : Math.min(last, length - 1);
        return new ByteRange(Kind.PARTIAL, first, end);
    }

    /** Digits as a long, saturated at Long.MAX_VALUE; -2 when not only digits. */
    private static long number(String digits) {
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') return -2;
            if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
                v = Long.MAX_VALUE;
            } else {
                v = v * 10 + (c - '0');
            }
        }
        return v;
    }
}
