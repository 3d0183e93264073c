package io.kinora.ingest.application;

/**
 * Client-supplied names are shown to people and never used as paths or keys: strip any directory part
 * (both separators), control characters and surrounding dots/spaces, and cap the length.
 */
public final class DisplayNames {
    private DisplayNames() { }

    public static String filename(String raw) {
        if (raw == null) return null;
        String s = raw.replace('\\', '/');
        s = s.substring(s.lastIndexOf('/') + 1);
        s = s.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        while (s.startsWith(".")) s = s.substring(1);
        if (s.isBlank()) return null;
        return s.length() > 255 ? s.substring(0, 255) : s;
    }

    /** A title from a filename: without its extension; "Untitled" when nothing is left. */
    public static String titleFrom(String filename) {
        String f = filename(filename);
        if (f == null) return "Untitled";
        int dot = f.lastIndexOf('.');
        String t = dot > 0 ? f.substring(0, dot) : f;
        return t.isBlank() ? "Untitled" : t;
    }
}
