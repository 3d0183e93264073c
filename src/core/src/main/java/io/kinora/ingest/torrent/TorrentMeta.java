package io.kinora.ingest.torrent;

import io.kinora.problem.ProblemException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A .torrent read and checked in the server, before any child process or download starts: bencode structure,
 * every file path (no {@code ..}, no absolute path, no NUL or control characters, no separators inside a
 * component, length caps), the number of files, piece length and total size against {@link TorrentLimits}.
 * v1, v2 and hybrid torrents; v1 padding files (BEP 47) are not files of the torrent for Kinora. Trackers and
 * web seeds are collected for the address policy. Every refusal is a 400/413 {@link ProblemException} with a
 * stable code and leaves nothing behind (nothing was written).
 */
public record TorrentMeta(String name, String infoHash, long pieceLength, long totalBytes, List<FileEntry> files,
                          List<String> trackers, List<String> webSeeds) {

    /** One file of the torrent: its index in libtorrent's file list, its path components, length, padding flag. */
    public record FileEntry(int index, List<String> path, long length, boolean pad) {
        public String fileName() { return path.get(path.size() - 1); }
        public String displayPath() { return String.join("/", path); }
    }

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    public List<FileEntry> videoFiles() {
        return files.stream().filter(f -> !f.pad() && f.length() > 0 && VideoFileNames.isVideo(f.fileName())).toList();
    }

    public static TorrentMeta parse(byte[] torrent, TorrentLimits limits) {
        if (torrent.length > limits.maxTorrentBytes()) {
            throw new ProblemException(ProblemException.Kind.TOO_LARGE, "torrent-file-too-large", "the .torrent has " + torrent.length
                    + " bytes; the limit is " + limits.maxTorrentBytes());
        }
        Bencode.Decoded d;
        try {
            d = Bencode.decode(torrent);
        } catch (Bencode.Invalid e) {
            throw invalid("not a .torrent file (bencode): " + e.getMessage());
        }
        if (!(d.value() instanceof Map<?, ?> root)) throw invalid("a .torrent is a bencoded dictionary");
        if (!(root.get("info") instanceof Map<?, ?> info)) throw invalid("the torrent has no info dictionary");

        String name = component(bytes(info.get("name"), "info.name"), limits, "the torrent's name");
        long pieceLength = integer(info.get("piece length"), "info.piece length");
        if (pieceLength <= 0) throw invalid("piece length must be positive");
        if (pieceLength > limits.maxPieceLength()) {
            throw ProblemException.badRequest("torrent-piece-too-large", "piece length " + pieceLength
                    + " exceeds the limit of " + limits.maxPieceLength() + " bytes");
        }
        boolean v1 = info.containsKey("pieces");
        boolean v2 = info.get("meta version") instanceof Long mv && mv == 2 && info.containsKey("file tree");
        if (!v1 && !v2) throw invalid("the torrent has neither v1 pieces nor a v2 file tree");

        List<FileEntry> files = new ArrayList<>();
        if (v1) {
            if (info.containsKey("files")) {
                if (!(info.get("files") instanceof List<?> list) || list.isEmpty()) throw invalid("info.files must be a non-empty list");
                if (list.size() > 2L * limits.maxFiles() + 1) throw tooMany(list.size(), limits);
                for (Object o : list) {
                    if (!(o instanceof Map<?, ?> f)) throw invalid("an entry of info.files is not a dictionary");
                    long length = integer(f.get("length"), "file length");
                    if (length < 0) throw invalid("negative file length");
                    boolean pad = f.get("attr") instanceof byte[] attr && new String(attr, StandardCharsets.US_ASCII).contains("p");
                    List<String> path = path(f.get("path"), limits, name);
                    if (f.containsKey("path.utf-8")) path(f.get("path.utf-8"), limits, name); // checked too: libtorrent prefers it
                    files.add(new FileEntry(files.size(), path, length, pad));
                }
            } else {
                long length = integer(info.get("length"), "info.length");
                if (length < 0) throw invalid("negative length");
                files.add(new FileEntry(0, List.of(name), length, false));
            }
            if (!(info.get("pieces") instanceof byte[] pieces) || pieces.length % 20 != 0) {
                throw invalid("info.pieces must be a string of 20-byte hashes");
            }
            long total = total(files, limits);
            long expected = (total + pieceLength - 1) / pieceLength;
            if (pieces.length / 20 != expected) throw invalid("info.pieces has " + pieces.length / 20 + " hashes, the files need " + expected);
        }
        if (info.containsKey("file tree")) {
            List<FileEntry> tree = new ArrayList<>();
            walkTree(info.get("file tree"), new ArrayList<>(), tree, limits, 0);
            if (tree.isEmpty()) throw invalid("the v2 file tree is empty");
            if (!v1) files = tree;
        }
        if (info.containsKey("name.utf-8")) component(bytes(info.get("name.utf-8"), "info.name.utf-8"), limits, "the torrent's name");
        long realFiles = files.stream().filter(f -> !f.pad()).count();
        if (realFiles > limits.maxFiles()) throw tooMany(realFiles, limits);
        long total = total(files, limits);

        Set<String> trackers = new LinkedHashSet<>();
        if (root.get("announce") instanceof byte[] a) trackers.add(utf8(a));
        if (root.get("announce-list") instanceof List<?> tiers) {
            for (Object tier : tiers) {
                if (tier instanceof List<?> urls) for (Object u : urls) if (u instanceof byte[] b) trackers.add(utf8(b));
            }
        }
        Set<String> seeds = new LinkedHashSet<>();
        for (String key : List.of("url-list", "httpseeds")) {
            Object v = root.get(key);
            if (v instanceof byte[] b && b.length > 0) seeds.add(utf8(b));
            if (v instanceof List<?> l) for (Object u : l) if (u instanceof byte[] b && b.length > 0) seeds.add(utf8(b));
        }
        if (trackers.size() + seeds.size() > 200) throw invalid("more than 200 trackers and web seeds");
        return new TorrentMeta(name, d.rawInfo() == null ? null : sha1(d.rawInfo()), pieceLength, total, List.copyOf(files),
                List.copyOf(trackers), List.copyOf(seeds));
    }

    private static void walkTree(Object node, List<String> prefix, List<FileEntry> out, TorrentLimits limits, int depth) {
        if (!(node instanceof Map<?, ?> dir)) throw invalid("a v2 file tree node is not a dictionary");
        if (depth > limits.maxPathDepth()) throw unsafe("a path deeper than " + limits.maxPathDepth() + " directories");
        for (Map.Entry<?, ?> e : dir.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.isEmpty()) { // a leaf: "" -> {length, pieces root}
                if (prefix.isEmpty()) throw invalid("a v2 file without a name");
                if (!(e.getValue() instanceof Map<?, ?> leaf)) throw invalid("a v2 file entry is not a dictionary");
                long length = integer(leaf.get("length"), "file length");
                if (length < 0) throw invalid("negative file length");
                pathBytes(prefix, limits);
                out.add(new FileEntry(out.size(), List.copyOf(prefix), length, false));
                if (out.size() > limits.maxFiles()) throw tooMany(out.size(), limits);
                continue;
            }
            List<String> next = new ArrayList<>(prefix);
            next.add(component(key.getBytes(StandardCharsets.UTF_8), limits, "a path in the file tree"));
            walkTree(e.getValue(), next, out, limits, depth + 1);
        }
    }

    private static List<String> path(Object v, TorrentLimits limits, String name) {
        if (!(v instanceof List<?> parts) || parts.isEmpty()) throw unsafe("a file with an empty path");
        if (parts.size() > limits.maxPathDepth()) throw unsafe("a path deeper than " + limits.maxPathDepth() + " directories");
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (!(p instanceof byte[] b)) throw invalid("a path component is not a string");
            out.add(component(b, limits, "a file path"));
        }
        List<String> full = new ArrayList<>();
        full.add(name);
        full.addAll(out);
        pathBytes(full, limits);
        return List.copyOf(out);
    }

    private static void pathBytes(List<String> parts, TorrentLimits limits) {
        int bytes = parts.stream().mapToInt(s -> s.getBytes(StandardCharsets.UTF_8).length + 1).sum();
        if (bytes > limits.maxPathBytes()) {
            throw ProblemException.badRequest("torrent-name-too-long", "a path of " + bytes + " bytes; the limit is " + limits.maxPathBytes());
        }
    }

    /** One path component (or the torrent's name): what a hostile torrent could use to escape its directory. */
    static String component(byte[] raw, TorrentLimits limits, String what) {
        if (raw.length == 0) throw unsafe(what + " has an empty component");
        if (raw.length > limits.maxComponentBytes()) {
            throw ProblemException.badRequest("torrent-name-too-long", what + " has a component of " + raw.length
                    + " bytes; the limit is " + limits.maxComponentBytes());
        }
        for (byte b : raw) {
            if (b == 0) throw unsafe(what + " contains a NUL byte");
            if ((b & 0xff) < 0x20 || b == 0x7f) throw unsafe(what + " contains a control character");
            if (b == '/' || b == '\\') throw unsafe(what + " contains a path separator (absolute path or directory escape)");
        }
        String s = utf8(raw);
        if (s.equals(".") || s.equals("..")) throw unsafe(what + " contains '" + s + "'");
        if (DRIVE.matcher(s).matches()) throw unsafe(what + " starts with a drive letter");
        return s;
    }

    private static long total(List<FileEntry> files, TorrentLimits limits) {
        long total = 0;
        for (FileEntry f : files) {
            total += f.length();
            if (total < 0 || total > limits.maxTotalBytes()) {
                throw new ProblemException(ProblemException.Kind.TOO_LARGE, "torrent-too-large", "the torrent holds more than "
                        + limits.maxTotalBytes() + " bytes (kinora.torrent.max-bytes)");
            }
        }
        return total;
    }

    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1); // legacy encodings: shown, never used as a path
        }
    }

    private static byte[] bytes(Object v, String what) {
        if (v instanceof byte[] b) return b;
        throw invalid(what + " is missing or not a string");
    }

    private static long integer(Object v, String what) {
        if (v instanceof Long l) return l;
        throw invalid(what + " is missing or not an integer");
    }

    private static String sha1(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException tooMany(long n, TorrentLimits limits) {
        return ProblemException.badRequest("torrent-too-many-files", "the torrent lists " + n + " files; the limit is " + limits.maxFiles());
    }

    static ProblemException invalid(String detail) { return ProblemException.badRequest("torrent-invalid", detail); }

    static ProblemException unsafe(String detail) { return ProblemException.badRequest("torrent-unsafe-path", detail); }
}
