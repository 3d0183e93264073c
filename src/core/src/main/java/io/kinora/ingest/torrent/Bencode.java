package io.kinora.ingest.torrent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict bencode reader (BEP 3) for untrusted .torrent files inside the server: integers as {@code Long},
 * byte strings as {@code byte[]}, lists as {@code List}, dictionaries as {@code Map<String, Object>} (keys
 * decoded as UTF-8, insertion order kept). It refuses what a hostile file could use against a reader: nesting
 * deeper than {@link #MAX_DEPTH} (no stack overflow), lengths beyond the input, leading zeros and {@code -0},
 * integers beyond 64 bits, duplicate keys, and trailing bytes. The raw span of the top-level {@code info}
 * dictionary is kept for the info hash.
 *
 * <p>Why not a library: the only pure-Java bencode library on Central ({@code com.dampcake:bencode}) decodes into
 * Strings by default (binary {@code pieces} are lost unless asked for), has no nesting limit (recursion on
 * hostile input) and gives no byte span for the info dict; this is ~150 lines with its own tests.
 */
public final class Bencode {
    public static final int MAX_DEPTH = 64;

    /** Not bencode, or bencode Kinora will not read; the message says where. */
    public static final class Invalid extends Exception {
        Invalid(String message) { super(message); }
    }

    /** The decoded value and, when the input is a dictionary with an {@code info} key, that value's raw bytes. */
    public record Decoded(Object value, byte[] rawInfo) { }

    private final byte[] in;
    private int pos;
    private int infoStart = -1;
    private int infoEnd = -1;

    private Bencode(byte[] in) { this.in = in; }

    public static Decoded decode(byte[] input) throws Invalid {
        Bencode b = new Bencode(input);
        if (input.length == 0) throw new Invalid("empty input");
        Object v = b.value(0);
        if (b.pos != input.length) throw new Invalid("trailing bytes after the value at offset " + b.pos);
        byte[] raw = b.infoStart < 0 ? null : java.util.Arrays.copyOfRange(input, b.infoStart, b.infoEnd);
        return new Decoded(v, raw);
    }

    private Object value(int depth) throws Invalid {
        if (depth > MAX_DEPTH) throw new Invalid("nested deeper than " + MAX_DEPTH);
        if (pos >= in.length) throw new Invalid("truncated at offset " + pos);
        byte c = in[pos];
        if (c == 'i') return integer();
        if (c == 'l') return list(depth);
        if (c == 'd') return dict(depth);
        if (c >= '0' && c <= '9') return bytes();
        throw new Invalid("unexpected byte 0x" + Integer.toHexString(c & 0xff) + " at offset " + pos);
    }

    private Long integer() throws Invalid {
        int start = ++pos;
        int end = find('e');
        String s = new String(in, start, end - start, StandardCharsets.US_ASCII);
        if (!s.matches("-?(0|[1-9][0-9]*)") || s.equals("-0")) throw new Invalid("bad integer '" + s + "' at offset " + start);
        try {
            pos = end + 1;
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new Invalid("integer out of range at offset " + start);
        }
    }

    private byte[] bytes() throws Invalid {
        int start = pos;
        int colon = find(':');
        String s = new String(in, start, colon - start, StandardCharsets.US_ASCII);
        if (!s.matches("0|[1-9][0-9]{0,9}")) throw new Invalid("bad string length '" + s + "' at offset " + start);
        long len = Long.parseLong(s);
        if (len > in.length - (colon + 1L)) throw new Invalid("string of " + len + " bytes runs past the end at offset " + start);
        pos = colon + 1 + (int) len;
        return java.util.Arrays.copyOfRange(in, colon + 1, pos);
    }

    private List<Object> list(int depth) throws Invalid {
        pos++;
        List<Object> out = new ArrayList<>();
        while (true) {
            if (pos >= in.length) throw new Invalid("unterminated list");
            if (in[pos] == 'e') {
                pos++;
                return out;
            }
            out.add(value(depth + 1));
        }
    }

    private Map<String, Object> dict(int depth) throws Invalid {
        pos++;
        Map<String, Object> out = new LinkedHashMap<>();
        while (true) {
            if (pos >= in.length) throw new Invalid("unterminated dictionary");
            if (in[pos] == 'e') {
                pos++;
                return out;
            }
            if (in[pos] < '0' || in[pos] > '9') throw new Invalid("dictionary key is not a string at offset " + pos);
            String key = new String(bytes(), StandardCharsets.UTF_8);
            int valueStart = pos;
            Object v = value(depth + 1);
            if (out.put(key, v) != null) throw new Invalid("duplicate key '" + key + "'");
            if (depth == 0 && key.equals("info")) {
                infoStart = valueStart;
                infoEnd = pos;
            }
        }
    }

    private int find(char b) throws Invalid {
        for (int i = pos, limit = Math.min(in.length, pos + 32); i < limit; i++) if (in[i] == b) return i;
        throw new Invalid("truncated or malformed at offset " + pos);
    }

    /** Encodes Long, byte[], String (UTF-8), List and Map (keys sorted as raw bytes) values; for tests and tools. */
    public static byte[] encode(Object v) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        write(out, v);
        return out.toByteArray();
    }

    private static void write(java.io.ByteArrayOutputStream out, Object v) {
        if (v instanceof Number n) {
            out.writeBytes(("i" + n.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (v instanceof byte[] b) {
            out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(b);
        } else if (v instanceof String s) {
            write(out, s.getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof List<?> l) {
            out.write('l');
            for (Object x : l) write(out, x);
            out.write('e');
        } else if (v instanceof Map<?, ?> m) {
            out.write('d');
            m.keySet().stream().map(String::valueOf).sorted().forEach(k -> {
                write(out, k);
                write(out, m.get(k));
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + v);
        }
    }
}
