package io.kinora.torrent.fetcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.libtorrent4j.AddTorrentParams;
import org.libtorrent4j.FileStorage;
import org.libtorrent4j.Priority;
import org.libtorrent4j.SessionManager;
import org.libtorrent4j.SessionParams;
import org.libtorrent4j.SettingsPack;
import org.libtorrent4j.TcpEndpoint;
import org.libtorrent4j.TorrentFlags;
import org.libtorrent4j.TorrentHandle;
import org.libtorrent4j.TorrentInfo;
import org.libtorrent4j.TorrentStatus;
import org.libtorrent4j.swig.address;
import org.libtorrent4j.swig.error_code;
import org.libtorrent4j.swig.ip_filter;
import org.libtorrent4j.swig.settings_pack;

/**
 * Kinora's torrent child program: downloads the chosen files of one torrent into its own directory and reports
 * on stdout, one JSON object a line ({@code progress}, {@code metadata}, {@code finished}, {@code error}).
 * The server starts one per import (see {@code io.kinora.ingest.torrent.FetcherCommand}) and validated the
 * torrent, its files, trackers, web seeds and peers before; here libtorrent's ip_filter enforces the same address
 * policy on everything it learns later (tracker peers, PEX, redirects). DHT, LSD, UPnP and NAT-PMP are off in the
 * settings the session starts with unless the server asks for them.
 *
 * <p>Magnet mode: after the metadata arrives the torrent is written to {@code --metadata-out} and the program waits
 * for the server's choice on stdin ({@code files 0,2} or {@code abort}); the torrent was added in upload mode so no
 * piece is fetched before. End of stdin at any time means the server is gone: the program halts at once.
 *
 * <p>Exit codes: 0 done, 2 failed (an {@code error} line says why), 3 bad command line, 4 parent gone.
 */
public final class Fetcher {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final BlockingQueue<String> COMMANDS = new LinkedBlockingQueue<>();

    private Fetcher() { }

    /** A failure with a stable code the server passes on to the video. */
    static final class Failure extends Exception {
        final String code;

        Failure(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (RuntimeException e) {
            System.err.println("bad arguments: " + e.getMessage());
            System.exit(3);
            return;
        }
        watchStdin();
        int exit;
        try {
            new Fetcher().run(o);
            exit = 0;
        } catch (Failure f) {
            emit("error", Map.of("code", f.code, "message", String.valueOf(f.getMessage())));
            exit = 2;
        } catch (Throwable t) {
            t.printStackTrace();
            emit("error", Map.of("code", "torrent-failed", "message", String.valueOf(t)));
            exit = 2;
        }
        OUT.flush();
        Runtime.getRuntime().halt(exit); // never wait for libtorrent's native threads
    }

    /** Commands from the server; end of input = the server (or its job) is gone, so is this process. */
    private static void watchStdin() {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) COMMANDS.add(line.strip());
            } catch (IOException ignored) {
                // treated like end of input
            }
            Runtime.getRuntime().halt(4);
        }, "stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    private void run(Options o) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.timeoutSeconds());
        Files.createDirectories(o.save());
        SessionManager s = new SessionManager(false);
        SessionParams params = new SessionParams(settings(o));
        // libtorrent's default mmap disk I/O installs SIGSEGV/SIGBUS handlers of its own, which break the JVM's
        // (the JVM uses SIGSEGV itself): plain pread/pwrite instead
        if (!"mmap".equals(o.diskIo())) params.setPosixDiskIO();
        s.start(params);
        s.swig().set_ip_filter(filter(o.allow()));
        try {
            TorrentHandle th = o.magnet() != null ? addMagnet(s, o, deadline) : addTorrent(s, o);
            download(s, th, o, deadline);
        } finally {
            s.stop();
        }
    }

    /** Everything that contacts the outside world is off unless asked for, before the session exists. */
    static SettingsPack settings(Options o) {
        SettingsPack sp = new SettingsPack();
        sp.setBoolean(settings_pack.bool_types.enable_dht.swigValue(), o.dht());
        sp.setBoolean(settings_pack.bool_types.enable_lsd.swigValue(), o.lsd());
        sp.setBoolean(settings_pack.bool_types.enable_upnp.swigValue(), o.upnp());
        sp.setBoolean(settings_pack.bool_types.enable_natpmp.swigValue(), o.natpmp());
        sp.setBoolean(settings_pack.bool_types.apply_ip_filter_to_trackers.swigValue(), true);
        if (!o.dht()) sp.setDhtBootstrapNodes(""); // or SessionManager fills in the public bootstrap nodes
        sp.setMaxMetadataSize(o.maxMetadataBytes());
        sp.listenInterfaces(o.listen());
        sp.setString(settings_pack.string_types.user_agent.swigValue(), "Kinora");
        sp.setInteger(settings_pack.int_types.active_downloads.swigValue(), -1);
        sp.setInteger(settings_pack.int_types.active_seeds.swigValue(), -1);
        sp.setInteger(settings_pack.int_types.active_limit.swigValue(), -1);
        sp.setInteger(settings_pack.int_types.min_reconnect_time.swigValue(), 5);
        return sp;
    }

    static ip_filter filter(List<String> allowed) {
        ip_filter f = new ip_filter();
        for (AddressRules.Range r : AddressRules.ranges(allowed)) {
            error_code ec = new error_code();
            address first = address.from_string(r.first().getHostAddress(), ec);
            address last = address.from_string(r.last().getHostAddress(), ec);
            if (ec.value() != 0) throw new IllegalArgumentException("bad range " + r + ": " + ec.message());
            f.add_rule(first, last, r.blocked() ? 1 : 0);
        }
        return f;
    }

    private TorrentHandle addTorrent(SessionManager s, Options o) throws Failure {
        TorrentInfo ti;
        try {
            ti = new TorrentInfo(o.torrent().toFile());
        } catch (RuntimeException e) {
            throw new Failure("torrent-invalid", "libtorrent cannot read the torrent: " + e.getMessage());
        }
        AddTorrentParams p = new AddTorrentParams();
        p.setTorrentInfo(ti);
        p.setSavePath(o.save().toAbsolutePath().toString());
        p.filePriorities(priorities(ti.files(), o.files()));
        known = endpoints(o.peers());
        p.peers(known);
        return add(s, p);
    }

    private TorrentHandle addMagnet(SessionManager s, Options o, long deadline) throws Exception {
        AddTorrentParams p;
        try {
            p = AddTorrentParams.parseMagnetUri(o.magnet());
        } catch (RuntimeException e) {
            throw new Failure("torrent-magnet-invalid", "libtorrent cannot read the magnet link: " + e.getMessage());
        }
        p.setSavePath(o.save().toAbsolutePath().toString());
        List<TcpEndpoint> peers = new ArrayList<>(p.peers());
        peers.addAll(endpoints(o.peers()));
        p.peers(peers);
        p.setFlags(p.getFlags().or_(TorrentFlags.UPLOAD_MODE)); // metadata only, no piece before the choice
        TorrentHandle th = add(s, p);
        known = peers;
        while (!th.status().hasMetadata()) {
            checkDeadline(deadline);
            TorrentStatus st = th.status();
            failOnError(st);
            emit("progress", progress("metadata", st, Map.of()));
            if ("abort".equals(COMMANDS.poll(o.progressMillis(), TimeUnit.MILLISECONDS))) throw new Failure("torrent-cancelled", "cancelled");
        }
        byte[] torrent = th.createTorrent();
        Path out = o.metadataOut() != null ? o.metadataOut() : o.save().resolveSibling("metadata.torrent");
        Files.write(out, torrent);
        emit("metadata", Map.of("torrent", out.toAbsolutePath().toString()));
        String command;
        while (true) {
            checkDeadline(deadline);
            command = COMMANDS.poll(1, TimeUnit.SECONDS);
            if (command != null) break;
        }
        if (!command.startsWith("files ")) throw new Failure("torrent-cancelled", "the server declined the torrent");
        List<Integer> chosen = Options.ints(command.substring(6));
        th.prioritizeFiles(priorities(th.torrentFile().files(), chosen));
        th.unsetFlags(TorrentFlags.UPLOAD_MODE);
        // a seed drops an upload-only peer, and libtorrent waits min_reconnect_time before it tries a peer again:
        // connect to the known peers now
        reconnect(th);
        return th;
    }

    private List<TcpEndpoint> known = List.of();

    private void reconnect(TorrentHandle th) {
        for (TcpEndpoint ep : known) th.swig().connect_peer(ep.swig());
    }

    private List<Integer> chosen;

    private TorrentHandle add(SessionManager s, AddTorrentParams p) throws Failure {
        // libtorrent adds torrents paused + auto-managed; not auto-managed and not paused: never queued, starts now
        p.setFlags(p.getFlags().and_(TorrentFlags.AUTO_MANAGED.inv()).and_(TorrentFlags.PAUSED.inv()));
        error_code ec = new error_code();
        var h = s.swig().add_torrent(p.swig(), ec);
        if (ec.value() != 0) throw new Failure("torrent-invalid", "libtorrent refused the torrent: " + ec.message());
        return new TorrentHandle(h);
    }

    private Priority[] priorities(FileStorage fs, List<Integer> files) throws Failure {
        Priority[] pr = new Priority[fs.numFiles()];
        java.util.Arrays.fill(pr, Priority.IGNORE);
        for (int i : files) {
            if (i < 0 || i >= pr.length) throw new Failure("torrent-invalid", "no file " + i + " in the torrent");
            pr[i] = Priority.DEFAULT;
        }
        chosen = List.copyOf(files);
        return pr;
    }

    private static List<TcpEndpoint> endpoints(List<String> peers) {
        List<TcpEndpoint> out = new ArrayList<>();
        for (String p : peers) {
            int colon = p.lastIndexOf(':');
            String host = p.substring(0, colon).replace("[", "").replace("]", "");
            out.add(new TcpEndpoint(host, Integer.parseInt(p.substring(colon + 1))));
        }
        return out;
    }

    private void download(SessionManager s, TorrentHandle th, Options o, long deadline) throws Exception {
        FileStorage fs = th.torrentFile().files();
        long wanted = 0;
        for (int i : chosen) wanted += fs.fileSize(i);
        if (wanted > o.maxBytes()) throw new Failure("torrent-too-large", "the chosen files hold " + wanted + " bytes; the limit is " + o.maxBytes());
        long slack = 2L * fs.pieceLength(); // pieces crossing into neighbouring files land in the .parts file
        int tick = 0;
        while (true) {
            checkDeadline(deadline);
            TorrentStatus st = th.status();
            failOnError(st);
            long[] done = th.fileProgress();
            Map<String, Object> perFile = new LinkedHashMap<>();
            boolean complete = true;
            for (int i : chosen) {
                perFile.put(String.valueOf(i), done[i]);
                if (done[i] < fs.fileSize(i)) complete = false;
            }
            emit("progress", progress("downloading", st, perFile));
            if (complete && st.isFinished()) break;
            if (st.numPeers() == 0 && tick % 5 == 4) reconnect(th); // known peers (x.pe) again, not after 60 s
            if (++tick % 5 == 0 && sizeOnDisk(o.save()) > wanted + slack) {
                throw new Failure("torrent-too-large", "more bytes on disk than the chosen files hold");
            }
            if ("abort".equals(COMMANDS.poll(o.progressMillis(), TimeUnit.MILLISECONDS))) throw new Failure("torrent-cancelled", "cancelled");
        }
        Map<String, Object> paths = new LinkedHashMap<>();
        for (int i : chosen) paths.put(String.valueOf(i), fs.filePath(i, o.save().toAbsolutePath().toString()));
        if (!o.seeding()) {
            s.remove(th); // closes the files before the server reads them
            Thread.sleep(200);
            emit("finished", Map.of("files", paths));
            return;
        }
        th.flushCache();
        emit("finished", Map.of("files", paths));
        long seedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.seedSeconds() > 0 ? o.seedSeconds() : o.timeoutSeconds());
        while (System.nanoTime() < seedUntil && System.nanoTime() < deadline) {
            TorrentStatus st = th.status();
            if (o.seedRatio() > 0 && st.allTimeUpload() >= o.seedRatio() * Math.max(1, wanted)) break;
            emit("progress", progress("seeding", st, Map.of()));
            if ("abort".equals(COMMANDS.poll(o.progressMillis(), TimeUnit.MILLISECONDS))) break;
        }
    }

    private static long sizeOnDisk(Path dir) throws IOException {
        try (Stream<Path> w = Files.walk(dir)) {
            return w.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void failOnError(TorrentStatus st) throws Failure {
        var ec = st.errorCode();
        if (ec != null && ec.isError()) throw new Failure("torrent-failed", "libtorrent: " + ec.getMessage());
    }

    private static void checkDeadline(long deadline) throws Failure {
        if (System.nanoTime() > deadline) throw new Failure("torrent-timeout", "the download took longer than its time limit");
    }

    private static Map<String, Object> progress(String stage, TorrentStatus st, Map<String, Object> files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", stage);
        m.put("state", String.valueOf(st.state()));
        m.put("connectCandidates", st.connectCandidates());
        m.put("done", st.totalWantedDone());
        m.put("total", st.totalWanted());
        m.put("peers", st.numPeers());
        m.put("rate", st.downloadPayloadRate());
        m.put("uploaded", st.allTimeUpload());
        m.put("files", files);
        return m;
    }

    static synchronized void emit(String event, Map<String, Object> fields) {
        StringBuilder b = new StringBuilder("{\"event\":").append(Json.quote(event));
        for (var e : fields.entrySet()) b.append(',').append(Json.quote(e.getKey())).append(':').append(Json.value(e.getValue()));
        OUT.println(b.append('}'));
    }
}
