package io.kinora.ingest.torrent;

import io.kinora.ingest.application.IngestService;
import io.kinora.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One torrent import at work: starts the child program ({@link FetcherCommand}), follows its JSON lines (progress
 * onto the videos, the magnet's metadata checked by the server, finished files handed to the ingest), and ends it
 * whatever happens: a stall (no new byte for {@code kinora.torrent.stall-timeout}), the time limit, a delete by the
 * owner, or the child dying (a crash or a kill: the import fails with {@code torrent-crashed}; it is not resumed).
 * The import's directory is removed at the end in every case.
 */
final class TorrentDownload implements Runnable {
    private static final Logger LOG = Logger.getLogger(TorrentDownload.class.getName());

    private record Assigned(TorrentMeta.FileEntry file, String videoId) { }

    private final TorrentImports imports;
    private final String importId;
    private final Path workDir;
    private final IngestService.Request request;
    private final String name;
    private final String infoHash;
    private final TorrentSettings settings;
    private final Path torrentFile;
    private final String magnet;
    private final List<String> allowed;
    private final Map<Integer, Assigned> files = new LinkedHashMap<>();
    private final List<String> videoIds = new CopyOnWriteArrayList<>();
    private final Set<String> handedOver = ConcurrentHashMap.newKeySet();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Instant startedAt = Instant.now();

    private volatile Process process;
    private volatile String stage = "queued";
    private volatile long done;
    private volatile long total;
    private volatile int peers;
    private volatile long rate;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile long childStartNanos;
    private volatile String killCode;
    private volatile String killReason;
    private volatile String cancelledBy;
    private volatile String errorCode;
    private volatile String errorMessage;
    private volatile boolean finished;

    TorrentDownload(TorrentImports imports, String importId, Path workDir, IngestService.Request request, String name,
                    String infoHash, TorrentSettings settings, Path torrentFile, String magnet, List<String> allowed) {
        this.imports = imports;
        this.importId = importId;
        this.workDir = workDir;
        this.request = request;
        this.name = name;
        this.infoHash = infoHash;
        this.settings = settings;
        this.torrentFile = torrentFile;
        this.magnet = magnet;
        this.allowed = List.copyOf(allowed);
    }

    String importId() { return importId; }
    Path workDir() { return workDir; }
    IngestService.Request request() { return request; }
    String name() { return name; }
    TorrentSettings settings() { return settings; }
    Instant startedAt() { return startedAt; }
    List<String> videoIds() { return List.copyOf(videoIds); }

    synchronized void assign(TorrentMeta.FileEntry f, String videoId) {
        files.put(f.index(), new Assigned(f, videoId));
        if (!videoIds.contains(videoId)) videoIds.add(videoId);
    }

    void placeholder(String videoId) { videoIds.add(videoId); }

    synchronized long expected(String videoId) {
        return files.values().stream().filter(a -> a.videoId().equals(videoId)).mapToLong(a -> a.file().length()).sum();
    }

    TorrentImports.Running view() {
        return new TorrentImports.Running(importId, name, infoHash, request.ownerId(), videoIds(), stage, done, total, peers,
                rate, startedAt);
    }

    @Override
    public void run() {
        Semaphore slots = imports.slots(Math.max(1, settings.maxConcurrent()));
        try {
            slots.acquire();
            try {
                if (killCode == null && cancelledBy == null) runChild();
            } finally {
                slots.release();
            }
        } catch (InterruptedException e) {
            kill("torrent-failed", "the server interrupted the download");
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (killCode != null || cancelledBy != null) return; // reading from a child we killed
            LOG.warning(() -> "torrent import " + importId + " failed: " + e);
            if (errorCode == null) {
                errorCode = "torrent-failed";
                errorMessage = "the download could not run: " + e.getMessage();
            }
        } finally {
            try {
                conclude();
            } catch (RuntimeException e) { // e.g. the application is being undeployed
                LOG.warning(() -> "torrent import " + importId + ": could not fail its videos: " + e);
            }
            Process p = process;
            if (p != null && p.isAlive()) destroy(p);
            try {
                imports.ended(this);
            } catch (RuntimeException e) {
                LOG.fine(() -> "torrent import " + importId + " ended after its application: " + e);
            }
            try {
                TorrentImports.abandon(workDir); // also when the bean above is gone
            } catch (RuntimeException e) {
                LOG.warning(() -> "torrent import " + importId + ": " + e.getMessage());
            }
            ended.countDown();
        }
    }

    private void runChild() throws IOException, InterruptedException {
        List<Integer> chosen;
        synchronized (this) {
            chosen = torrentFile == null ? List.of() : new ArrayList<>(files.keySet());
        }
        List<String> cmd = FetcherCommand.build(settings, workDir, torrentFile, magnet, chosen, List.of(), allowed);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectError(workDir.resolve("fetcher.log").toFile());
        pb.environment().putAll(FetcherCommand.environment(settings));
        childStartNanos = System.nanoTime();
        lastProgressNanos = childStartNanos;
        Process p = pb.start();
        process = p;
        if (killCode != null || cancelledBy != null) destroy(p); // a cancel that came while it started
        stage = magnet != null ? "metadata" : "downloading";
        OutputStream commands = p.getOutputStream(); // kept open: closing it tells the child to quit
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                JsonObject event;
                try (JsonReader r = Json.createReader(new StringReader(line))) {
                    event = r.readObject();
                } catch (RuntimeException e) {
                    String said = line;
                    LOG.fine(() -> "fetcher said: " + said);
                    continue;
                }
                handle(event, commands);
                watch();
            }
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) destroy(p);
        int exit = p.waitFor();
        if (!finished && killCode == null && cancelledBy == null && errorCode == null) {
            errorCode = "torrent-crashed";
            errorMessage = "the download process ended unexpectedly (exit " + exit
                    + (exit > 128 ? ", signal " + (exit - 128) : "") + "); the import is not resumed";
            LOG.warning(() -> "torrent fetcher of import " + importId + " exited " + exit + "; log tail: " + logTail());
        }
    }

    private void handle(JsonObject e, OutputStream commands) throws IOException {
        switch (e.getString("event", "")) {
            case "progress" -> {
                String s = e.getString("stage", "downloading");
                long d = e.getJsonNumber("done").longValue();
                if (d > done) lastProgressNanos = System.nanoTime();
                stage = s;
                done = d;
                total = e.getJsonNumber("total").longValue();
                peers = e.getInt("peers", 0);
                rate = e.getJsonNumber("rate").longValue();
                if (s.equals("metadata")) {
                    for (String id : videoIds) imports.downloading(id, "metadata", 0, 0, peers, rate);
                    return;
                }
                if (s.equals("seeding")) return;
                JsonObject perFile = e.getJsonObject("files");
                List<Assigned> assigned;
                synchronized (this) {
                    assigned = new ArrayList<>(files.values());
                }
                for (Assigned a : assigned) {
                    if (handedOver.contains(a.videoId())) continue;
                    long fd = perFile != null && perFile.containsKey(String.valueOf(a.file().index()))
                            ? perFile.getJsonNumber(String.valueOf(a.file().index())).longValue() : 0;
                    imports.downloading(a.videoId(), "downloading", fd, a.file().length(), peers, rate);
                }
            }
            case "metadata" -> {
                Path meta = workDir.resolve("metadata.torrent");
                try {
                    List<TorrentMeta.FileEntry> chosen = imports.metadataArrived(this, Files.readAllBytes(meta));
                    lastProgressNanos = System.nanoTime();
                    String list = String.join(",", chosen.stream().map(f -> String.valueOf(f.index())).toList());
                    commands.write(("files " + list + "\n").getBytes(StandardCharsets.UTF_8));
                    commands.flush();
                } catch (ProblemException x) {
                    errorCode = x.code();
                    errorMessage = x.getMessage();
                    commands.write("abort\n".getBytes(StandardCharsets.UTF_8));
                    commands.flush();
                }
            }
            case "finished" -> {
                finished = true;
                stage = "validating";
                JsonObject paths = e.getJsonObject("files");
                List<Assigned> assigned;
                synchronized (this) {
                    assigned = new ArrayList<>(files.values());
                }
                Path data = workDir.resolve("data").toAbsolutePath().normalize();
                for (Assigned a : assigned) {
                    if (cancelledBy != null) return;
                    String reported = paths.getString(String.valueOf(a.file().index()), null);
                    handedOver.add(a.videoId());
                    if (!imports.exists(a.videoId())) continue;
                    Path file = reported == null ? null : Path.of(reported).toAbsolutePath().normalize();
                    if (file == null || !file.startsWith(data) || !Files.isRegularFile(file)
                            || Files.size(file) != a.file().length()) {
                        imports.fail(a.videoId(), "torrent-failed", "the download did not produce " + a.file().displayPath());
                        continue;
                    }
                    imports.ingestFile(this, a.videoId(), a.file(), file);
                    // stored now (or refused): the disk holds one copy at most, unless the child seeds from it
                    if (!settings.seed()) Files.deleteIfExists(file);
                }
            }
            case "error" -> {
                if (errorCode == null) {
                    errorCode = e.getString("code", "torrent-failed");
                    errorMessage = e.getString("message", "the download failed");
                }
            }
            default -> { }
        }
    }

    /** Stall and time limit; called on every line and by the watchdog tick (a child that hangs prints nothing). */
    void watch() {
        Process p = process;
        if (p == null || finished) return;
        long now = System.nanoTime();
        Duration stall = settings.stallTimeout();
        if (now - lastProgressNanos > stall.toNanos()) {
            kill("torrent-stalled", "no progress for " + stall.toSeconds() + " s (kinora.torrent.stall-timeout)"
                    + (peers == 0 ? "; no peer was reachable" : "; " + peers + " peers"));
        } else if (now - childStartNanos > settings.timeout().toNanos()) {
            kill("torrent-timeout", "the download took longer than " + settings.timeout().toMinutes()
                    + " min (kinora.torrent.timeout)");
        }
    }

    void kill(String code, String reason) {
        if (killCode == null) {
            killCode = code;
            killReason = reason;
        }
        Process p = process;
        if (p != null) destroy(p);
    }

    /** The owner deleted one of the import's videos: the download stops; this returns once its files are gone. */
    void cancel(String videoId) {
        if (cancelledBy == null) cancelledBy = videoId;
        Process p = process;
        if (p != null) destroy(p);
        try {
            if (!ended.await(30, TimeUnit.SECONDS)) LOG.warning(() -> "torrent import " + importId + " did not end in 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fails every video of the import that did not get its file, with the reason the import ended. */
    private void conclude() {
        String code;
        String reason;
        if (cancelledBy != null) {
            code = "torrent-cancelled";
            reason = "the download was cancelled: video " + cancelledBy + " of the same torrent was deleted";
        } else if (killCode != null && !finished) {
            code = killCode;
            reason = killReason;
        } else if (errorCode != null) {
            code = errorCode;
            reason = errorMessage;
        } else {
            code = "torrent-failed";
            reason = "the download ended without this file";
        }
        for (String id : videoIds) {
            if (handedOver.contains(id) || id.equals(cancelledBy)) continue;
            if (!imports.exists(id)) continue;
            imports.fail(id, code, reason);
        }
        if (code != null && !finished) LOG.info(() -> "torrent import " + importId + " ended: " + code + " " + reason);
    }

    private static void destroy(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private String logTail() {
        try {
            byte[] all = Files.readAllBytes(workDir.resolve("fetcher.log"));
            int from = Math.max(0, all.length - 2000);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
