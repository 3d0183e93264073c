package io.kinora.ingest.torrent;

import io.kinora.problem.ProblemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that builds the torrent child program's command line, as an argument vector (never a shell):
 * this JVM's {@code java} with a small heap, {@code -Dlibtorrent4j.jni.path} naming the .so the server build
 * extracted into {@code <wildfly>/kinora/torrent}, the fetcher and libtorrent4j jars, and the download's
 * options ({@code io.kinora.torrent.fetcher.Options}).
 */
public final class FetcherCommand {
    public static final String MAIN = "io.kinora.torrent.fetcher.Fetcher";

    private FetcherCommand() { }

    /** The fetcher's files, or 503 {@code torrent-unavailable} when the server was built without them. */
    public static void check(TorrentSettings s) {
        for (String f : List.of("kinora-torrent-fetcher.jar", "libtorrent4j.jar", "libtorrent4j.so")) {
            if (!Files.isRegularFile(s.fetcherDir().resolve(f))) {
                throw new ProblemException(ProblemException.Kind.UNAVAILABLE, "torrent-unavailable", "torrent import is not installed on this server ("
                        + s.fetcherDir().resolve(f) + " is missing; set kinora.torrent.fetcher-dir)");
            }
        }
    }

    /**
     * The child's environment: the JDK's signal-chaining library preloaded, so a signal handler a native library
     * installs cannot take the JVM's own SIGSEGV handling away (the child would die with exit 139).
     */
    public static java.util.Map<String, String> environment(TorrentSettings s) {
        Path jsig = s.java().toAbsolutePath().getParent().getParent().resolve("lib").resolve("libjsig.so");
        return Files.isRegularFile(jsig) ? java.util.Map.of("LD_PRELOAD", jsig.toString()) : java.util.Map.of();
    }

    /**
     * @param source {@code --torrent=<file>} or {@code --magnet=<uri>} (exactly one)
     * @param files  indexes to download; empty for a magnet (chosen on stdin after the metadata)
     */
    public static List<String> build(TorrentSettings s, Path workDir, Path torrentFile, String magnet, List<Integer> files,
                                     List<String> peers, List<String> allowedBlocks) {
        Path dir = s.fetcherDir().toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(s.java().toString(), "-Xmx" + s.childHeap(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Dlibtorrent4j.jni.path=" + dir.resolve("libtorrent4j.so"),
                "-cp", dir.resolve("kinora-torrent-fetcher.jar") + java.io.File.pathSeparator + dir.resolve("libtorrent4j.jar"),
                MAIN));
        if (torrentFile != null) cmd.add("--torrent=" + torrentFile.toAbsolutePath());
        else cmd.add("--magnet=" + magnet);
        cmd.add("--save=" + workDir.resolve("data").toAbsolutePath());
        cmd.add("--metadata-out=" + workDir.resolve("metadata.torrent").toAbsolutePath());
        if (!files.isEmpty()) cmd.add("--files=" + String.join(",", files.stream().map(String::valueOf).toList()));
        if (!peers.isEmpty()) cmd.add("--peers=" + String.join(",", peers));
        if (!allowedBlocks.isEmpty()) cmd.add("--allow=" + String.join(",", allowedBlocks));
        cmd.add("--max-bytes=" + s.limits().maxTotalBytes());
        cmd.add("--max-metadata-bytes=" + Math.min(Integer.MAX_VALUE, s.limits().maxTorrentBytes()));
        cmd.add("--timeout-seconds=" + s.timeout().toSeconds());
        cmd.add("--listen=" + s.listenInterfaces());
        cmd.add("--dht=" + s.dht());
        cmd.add("--lsd=" + s.lsd());
        cmd.add("--upnp=" + s.upnp());
        cmd.add("--natpmp=" + s.natpmp());
        if (s.seed()) {
            cmd.add("--seed-ratio=" + s.seedRatio());
            cmd.add("--seed-seconds=" + s.seedTime().toSeconds());
        }
        return cmd;
    }
}
