package io.kinora.problem;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a Content-Type header from outside: is it a media type at all (RFC 9110 8.3.1), and is it JSON. Never
 * throws; a header that does not parse is refused with 400 {@code malformed-content-type} before anything reads the
 * body, instead of a framework's HTML page.
 */
public final class RequestContentType {
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final String QUOTED = "\"(?:[\\t \\x21\\x23-\\x5B\\x5D-\\x7E\\x80-\\xFF]|\\\\[\\t \\x21-\\x7E\\x80-\\xFF])*\"";
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN
            + "(?:[ \\t]*;[ \\t]*(?:" + TOKEN + "=(?:" + TOKEN + "|" + QUOTED + "))?)*[ \\t]*");
    static final int MAX_LENGTH = 1024;

    private RequestContentType() { }

    /** True when the header is a well-formed media type (null: no header, which is fine). */
    public static boolean wellFormed(String header) {
        if (header == null) return true;
        return header.length() <= MAX_LENGTH && MEDIA_TYPE.matcher(header.strip()).matches();
    }

    /** JSON (application/json, anything +json) or a form: the bodies that are parsed whole and kept small. */
    public static boolean parsedWhole(String header) {
        if (header == null) return false;
        String t = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return t.equals("application/json") || t.endsWith("+json") || t.equals("application/x-www-form-urlencoded");
    }
}
