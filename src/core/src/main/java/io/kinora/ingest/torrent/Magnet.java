package io.kinora.ingest.torrent;

import io.kinora.problem.ProblemException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A magnet link (BEP 9) read in the server: the info hash ({@code xt=urn:btih:} 40 hex or 32 base32, or
 * {@code urn:btmh:1220} + 64 hex), the display name, trackers ({@code tr}), web seeds ({@code ws}) and peers
 * ({@code x.pe}, host:port), which all go through the import address policy before anything starts.
 */
public record Magnet(String uri, String infoHash, String displayName, List<String> trackers, List<String> webSeeds,
                     List<String> peers) {
    private static final Pattern BTIH_HEX = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern BTIH_B32 = Pattern.compile("[A-Za-z2-7]{32}");
    private static final Pattern BTMH = Pattern.compile("1220[0-9a-fA-F]{64}");
    private static final int MAX_LENGTH = 8192;

    public static Magnet parse(String raw) {
        String uri = raw.strip();
        if (uri.length() > MAX_LENGTH) throw invalid("a magnet link longer than " + MAX_LENGTH + " characters");
        if (!uri.regionMatches(true, 0, "magnet:?", 0, 8)) throw invalid("a magnet link starts with magnet:?");
        String hash = null;
        String name = null;
        List<String> trackers = new ArrayList<>();
        List<String> seeds = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        for (String pair : uri.substring(8).split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            if (eq <= 0) throw invalid("a parameter without a value: " + pair);
            String key = pair.substring(0, eq).toLowerCase(Locale.ROOT);
            String value;
            try {
                value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalid("bad percent-encoding in " + key);
            }
            if (value.indexOf('\0') >= 0) throw invalid("a NUL character in " + key);
            switch (key.replaceAll("\\.\\d+$", "")) { // xt.1, tr.2 ... as in BEP 9's numbered form
                case "xt" -> {
                    String v = value.toLowerCase(Locale.ROOT);
                    if (v.startsWith("urn:btih:")) {
                        String h = value.substring(9);
                        if (!BTIH_HEX.matcher(h).matches() && !BTIH_B32.matcher(h).matches()) {
                            throw invalid("urn:btih: needs a 40-character hex or 32-character base32 hash");
                        }
                        hash = h.toLowerCase(Locale.ROOT);
                    } else if (v.startsWith("urn:btmh:")) {
                        String h = value.substring(9);
                        if (!BTMH.matcher(h).matches()) throw invalid("urn:btmh: needs a SHA-256 multihash (1220 + 64 hex)");
                        if (hash == null) hash = h.toLowerCase(Locale.ROOT);
                    }
                }
                case "dn" -> name = value;
                case "tr" -> trackers.add(value);
                case "ws" -> seeds.add(value);
                case "x.pe" -> peers.add(peer(value));
                default -> { } // xl, as, kt, so ... carry nothing Kinora acts on
            }
        }
        if (hash == null) throw ProblemException.badRequest("torrent-magnet-no-hash", "the magnet link has no info hash (xt=urn:btih:...)");
        if (trackers.size() + seeds.size() + peers.size() > 200) throw invalid("more than 200 trackers, web seeds and peers");
        return new Magnet(uri, hash, name, List.copyOf(trackers), List.copyOf(seeds), List.copyOf(peers));
    }

    /** host:port or [v6]:port, port 1-65535. */
    static String peer(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) throw invalid("x.pe needs host:port, got " + value);
        String host = value.substring(0, colon);
        if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) throw invalid("an IPv6 peer is written [address]:port");
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid("x.pe has a bad port: " + value);
        }
        if (port < 1 || port > 65535) throw invalid("x.pe has a bad port: " + value);
        return value;
    }

    public static String peerHost(String peer) {
        String h = peer.substring(0, peer.lastIndexOf(':'));
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    public static int peerPort(String peer) { return Integer.parseInt(peer.substring(peer.lastIndexOf(':') + 1)); }

    static ProblemException invalid(String detail) { return ProblemException.badRequest("torrent-magnet-invalid", detail); }
}
