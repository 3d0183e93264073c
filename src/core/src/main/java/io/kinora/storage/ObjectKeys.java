package io.kinora.storage;

import java.nio.charset.StandardCharsets;

/**
 * Key and prefix validation shared by all stores. Keys are built by Kinora, so anything odd is a
 * bug: rejecting it early keeps the filesystem store inside its root and makes both stores accept
 * exactly the same keys.
 */
public final class ObjectKeys {

    /** S3's limit, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {
    }

    /**
     * A key: non-empty '/'-separated segments, no leading or trailing '/', no "..", no backslash,
     * no control characters, and no segment starting with '.' (the filesystem store keeps its
     * temp files, metadata and parts under such names).
     */
    public static String requireKey(String key) {
        check(key, "key");
        if (key.endsWith("/")) {
            throw invalid("key", key, "ends with '/'");
        }
        return key;
    }

    /** A prefix: "" (everything), or the start of a key; may end with '/'. */
    public static String requirePrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null");
        }
        if (!prefix.isEmpty()) {
            check(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix, "prefix");
        }
        return prefix;
    }

    private static void check(String key, String what) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw invalid(what, key, "longer than " + MAX_KEY_BYTES + " bytes");
        }
        if (key.startsWith("/")) {
            throw invalid(what, key, "starts with '/'");
        }
        if (key.contains("..")) {
            throw invalid(what, key, "contains '..'");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\') {
                throw invalid(what, key, "contains a backslash");
            }
            if (Character.isISOControl(c)) {
                throw invalid(what, key, "contains a control character");
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw invalid(what, key, "has an empty segment");
            }
            if (segment.startsWith(".")) {
                throw invalid(what, key, "has a segment starting with '.'");
            }
        }
    }

    private static IllegalArgumentException invalid(String what, String key, String why) {
        // keys are ours, but quote them escaped so a control character cannot forge log lines
        return new IllegalArgumentException("invalid object " + what + " \"" + escape(key) + "\": " + why);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
