package io.kinora.ingest.torrent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code kinora.torrent.*}, read at each import (so an operator can change them at runtime as system properties).
 * Defaults: no DHT, LSD, UPnP or NAT-PMP, no seeding, one-hour stall... see the README's configuration table.
 */
public record TorrentSettings(Path fetcherDir, Path java, String childHeap, TorrentLimits limits, Duration timeout,
                              Duration stallTimeout, int maxConcurrent, String listenInterfaces, boolean dht,
                              boolean lsd, boolean upnp, boolean natpmp, boolean seed, double seedRatio,
                              Duration seedTime) {

    public static TorrentSettings current(long uploadMaxBytes) {
        Config c = ConfigProvider.getConfig();
        long maxBytes = get(c, "kinora.torrent.max-bytes", Long.class).orElse(uploadMaxBytes);
        TorrentLimits d = TorrentLimits.defaults(maxBytes);
        TorrentLimits limits = new TorrentLimits(
                get(c, "kinora.torrent.max-torrent-bytes", Long.class).orElse(d.maxTorrentBytes()),
                get(c, "kinora.torrent.max-files", Integer.class).orElse(d.maxFiles()),
                get(c, "kinora.torrent.max-piece-length", Long.class).orElse(d.maxPieceLength()),
                maxBytes, d.maxComponentBytes(), d.maxPathBytes(), d.maxPathDepth());
        Path fetcherDir = get(c, "kinora.torrent.fetcher-dir", String.class).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("jboss.home.dir", "."), "kinora", "torrent"));
        Path java = get(c, "kinora.torrent.java", String.class).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
        return new TorrentSettings(fetcherDir, java, get(c, "kinora.torrent.child-heap", String.class).orElse("96m"), limits,
                duration(c, "kinora.torrent.timeout", "PT6H"), duration(c, "kinora.torrent.stall-timeout", "PT5M"),
                get(c, "kinora.torrent.max-concurrent", Integer.class).orElse(4),
                get(c, "kinora.torrent.listen-interfaces", String.class).orElse("0.0.0.0:0"),
                flag(c, "kinora.torrent.dht"), flag(c, "kinora.torrent.lsd"), flag(c, "kinora.torrent.upnp"),
                flag(c, "kinora.torrent.natpmp"), flag(c, "kinora.torrent.seed"),
                get(c, "kinora.torrent.seed-ratio", Double.class).orElse(1.0),
                duration(c, "kinora.torrent.seed-time", "PT1H"));
    }

    private static <T> Optional<T> get(Config c, String key, Class<T> type) { return c.getOptionalValue(key, type); }

    private static boolean flag(Config c, String key) { return c.getOptionalValue(key, Boolean.class).orElse(false); }

    private static Duration duration(Config c, String key, String dflt) {
        return Duration.parse(c.getOptionalValue(key, String.class).orElse(dflt));
    }
}
