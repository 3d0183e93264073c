package io.kinora.torrent.fetcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fetcher's command line, {@code --key=value} only (the server builds it as an argument vector, never through
 * a shell). Exactly one of {@code --torrent} and {@code --magnet}.
 */
record Options(Path torrent, String magnet, Path save, Path metadataOut, List<Integer> files, List<String> allow,
               List<String> peers, long maxBytes, long timeoutSeconds, int maxMetadataBytes, String listen,
               boolean dht, boolean lsd, boolean upnp, boolean natpmp, double seedRatio, long seedSeconds,
               int progressMillis, String diskIo) {

    static Options parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (String a : args) {
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + a);
            int eq = a.indexOf('=');
            m.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
        }
        Path torrent = m.containsKey("torrent") ? Path.of(m.get("torrent")) : null;
        String magnet = m.get("magnet");
        if ((torrent == null) == (magnet == null)) throw new IllegalArgumentException("give --torrent or --magnet");
        if (!m.containsKey("save")) throw new IllegalArgumentException("--save is required");
        return new Options(torrent, magnet, Path.of(m.get("save")),
                m.containsKey("metadata-out") ? Path.of(m.get("metadata-out")) : null,
                ints(m.get("files")), list(m.get("allow")), list(m.get("peers")),
                Long.parseLong(m.getOrDefault("max-bytes", String.valueOf(50L << 30))),
                Long.parseLong(m.getOrDefault("timeout-seconds", "21600")),
                Integer.parseInt(m.getOrDefault("max-metadata-bytes", String.valueOf(4 << 20))),
                m.getOrDefault("listen", "0.0.0.0:0"),
                bool(m, "dht"), bool(m, "lsd"), bool(m, "upnp"), bool(m, "natpmp"),
                Double.parseDouble(m.getOrDefault("seed-ratio", "0")),
                Long.parseLong(m.getOrDefault("seed-seconds", "0")),
                Integer.parseInt(m.getOrDefault("progress-millis", "1000")),
                m.getOrDefault("disk-io", "posix"));
    }

    boolean seeding() { return seedRatio > 0 || seedSeconds > 0; }

    private static boolean bool(Map<String, String> m, String key) { return Boolean.parseBoolean(m.getOrDefault(key, "false")); }

    static List<String> list(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) return out;
        for (String x : s.split(",")) if (!x.isBlank()) out.add(x.strip());
        return out;
    }

    static List<Integer> ints(String s) {
        List<Integer> out = new ArrayList<>();
        for (String x : list(s)) out.add(Integer.parseInt(x));
        return out;
    }
}
