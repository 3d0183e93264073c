package io.kinora.ingest.torrent;

import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.application.VideoRemoving;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.EncodeSettings;
import io.kinora.encode.application.Profiles;
import io.kinora.ingest.application.DisplayNames;
import io.kinora.ingest.application.IngestService;
import io.kinora.ingest.application.UploadLimits;
import io.kinora.ingest.importer.UrlPolicy;
import io.kinora.problem.ProblemException;
import io.kinora.progress.ProgressBoard;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Import from a .torrent or a magnet link. Everything that can be checked is checked before the answer, which
 * comes at once (202 + the video ids): the torrent's structure, paths and caps ({@link TorrentMeta}), that it has
 * at least one file the ingest would take as a video ({@link VideoFileNames}), and every tracker, web seed and
 * peer against the import address policy ({@code kinora.import.allowed-hosts}, the same {@link UrlPolicy} as import
 * by URL). Then one video per chosen file is created (title from the file name, the torrent's name as description)
 * and the download runs in a child process ({@link TorrentDownload}); each downloaded file goes through
 * {@link IngestService#acceptInto}, the validation of any upload.
 *
 * <p>Each import has its own directory {@code <data>/torrents/<import id>} (the .torrent, the child's downloads, the
 * list of its videos), removed when the import ends however it ends; one left by a server that died is cleaned up
 * at the next start ({@link TorrentRecovery}) and its videos fail with {@code torrent-interrupted}.
 */
@ApplicationScoped
public class TorrentImports {
    private static final Logger LOG = Logger.getLogger(TorrentImports.class.getName());

    @Inject VideoCatalog catalog;
    @Inject VideoLifecycle lifecycle;
    @Inject IngestService ingest;
    @Inject UploadLimits limits;
    @Inject EncodeSettings encodeSettings;
    @Inject ProgressBoard progress;

    /** Downloads last minutes to hours: threads of their own, not the shared executor the encode publishes with. */
    @Resource ManagedThreadFactory threads;
    @Resource ManagedScheduledExecutorService scheduler;
    private volatile java.util.concurrent.ScheduledFuture<?> watchdog;

    @Inject @ConfigProperty(name = "kinora.data.dir", defaultValue = "./kinora-data")
    String dataDir;

    private final Map<String, TorrentDownload> running = new ConcurrentHashMap<>();
    private final Map<Integer, Semaphore> slots = new ConcurrentHashMap<>();

    /** What the caller gets at once: the import's id and name and the videos it created. */
    public record Started(String importId, String name, String infoHash, List<Video> videos) { }

    /** A running download as the admin console and the owner see it. */
    public record Running(String importId, String name, String infoHash, long ownerId, List<String> videoIds,
                          String stage, long bytesDone, long bytesTotal, int peers, long bytesPerSecond,
                          Instant startedAt) { }

    /** A .torrent from a request body: read up to one byte over the cap, never more, then as below. */
    public Started importTorrent(IngestService.Request request, java.io.InputStream body) throws IOException {
        long cap = settings().limits().maxTorrentBytes();
        byte[] torrent = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        return importTorrent(request, torrent);
    }

    public Started importTorrent(IngestService.Request request, byte[] torrent) throws IOException {
        TorrentSettings s = settings();
        TorrentMeta meta = TorrentMeta.parse(torrent, s.limits());
        List<TorrentMeta.FileEntry> videos = meta.videoFiles();
        if (videos.isEmpty()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "torrent-no-video", "none of the torrent's " + meta.files().size()
                    + " files is a video Kinora accepts (" + String.join(", ", new java.util.TreeSet<>(VideoFileNames.EXTENSIONS)) + ")");
        }
        checkProfile(request);
        UrlPolicy policy = UrlPolicy.current();
        admitAll(policy, meta.trackers(), meta.webSeeds(), List.of());
        FetcherCommand.check(s);
        Path work = newWorkDir();
        try {
            Files.write(work.resolve("import.torrent"), torrent);
            List<Video> created = new ArrayList<>();
            for (TorrentMeta.FileEntry f : videos) {
                created.add(createVideo(work, request, videos.size() == 1 ? request.title() : null, f.fileName(), meta.name()));
            }
            TorrentDownload d = new TorrentDownload(this, work.getFileName().toString(), work, request, meta.name(),
                    meta.infoHash(), s, work.resolve("import.torrent"), null, policy.openedBlocks(InetAddress::getAllByName));
            for (int i = 0; i < videos.size(); i++) d.assign(videos.get(i), created.get(i).id());
            start(d, created);
            return new Started(d.importId(), meta.name(), meta.infoHash(), created);
        } catch (IOException | RuntimeException e) {
            rollback(work);
            throw e;
        }
    }

    public Started importMagnet(IngestService.Request request, String uri) throws IOException {
        TorrentSettings s = settings();
        Magnet magnet = Magnet.parse(uri);
        checkProfile(request);
        UrlPolicy policy = UrlPolicy.current();
        admitAll(policy, magnet.trackers(), magnet.webSeeds(), magnet.peers());
        FetcherCommand.check(s);
        Path work = newWorkDir();
        try {
            String name = magnet.displayName() != null && !magnet.displayName().isBlank() ? magnet.displayName()
                    : "magnet " + magnet.infoHash().substring(0, Math.min(12, magnet.infoHash().length()));
            // the files are known only once the metadata arrives: one video now, more then if the torrent has more
            Video first = createVideo(work, request, request.title(), name, name);
            TorrentDownload d = new TorrentDownload(this, work.getFileName().toString(), work, request, name,
                    magnet.infoHash(), s, null, magnet.uri(), policy.openedBlocks(InetAddress::getAllByName));
            d.placeholder(first.id());
            start(d, List.of(first));
            return new Started(d.importId(), name, magnet.infoHash(), List.of(first));
        } catch (IOException | RuntimeException e) {
            rollback(work);
            throw e;
        }
    }

    public List<Running> running(Long ownerId) {
        return running.values().stream().filter(d -> ownerId == null || d.request().ownerId() == ownerId)
                .sorted(Comparator.comparing(TorrentDownload::startedAt)).map(TorrentDownload::view).toList();
    }

    /** A video of a running import is being deleted: the whole download stops and its files go (see README). */
    void onRemoving(@Observes VideoRemoving removing) {
        for (TorrentDownload d : running.values()) {
            if (d.videoIds().contains(removing.videoId())) d.cancel(removing.videoId());
        }
    }

    /** Every second: stall and time limit of each running download (a hung child prints nothing to react to). */
    private synchronized void startWatchdog() {
        if (watchdog != null) return;
        watchdog = scheduler.scheduleAtFixedRate(() -> running.values().forEach(TorrentDownload::watch), 1, 1,
                java.util.concurrent.TimeUnit.SECONDS);
    }

    @PreDestroy
    void shutdown() {
        if (watchdog != null) watchdog.cancel(false);
        running.values().forEach(d -> d.kill("torrent-interrupted", "the server stopped during the download"));
    }

    // ---- used by TorrentDownload

    /** Checks a magnet's metadata like an uploaded .torrent and creates the videos beyond the placeholder. */
    List<TorrentMeta.FileEntry> metadataArrived(TorrentDownload d, byte[] torrent) throws IOException {
        TorrentMeta meta = TorrentMeta.parse(torrent, d.settings().limits());
        List<TorrentMeta.FileEntry> videos = meta.videoFiles();
        if (videos.isEmpty()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "torrent-no-video", "none of the torrent's " + meta.files().size()
                    + " files is a video Kinora accepts");
        }
        admitAll(UrlPolicy.current(), meta.trackers(), meta.webSeeds(), List.of());
        String placeholder = d.videoIds().get(0);
        d.assign(videos.get(0), placeholder);
        if (d.request().title() == null || d.request().title().isBlank()) {
            catalog.describe(placeholder, DisplayNames.titleFrom(videos.get(0).fileName()), meta.name(), null);
        }
        for (TorrentMeta.FileEntry f : videos.subList(1, videos.size())) {
            Video v = createVideo(d.workDir(), d.request(), null, f.fileName(), meta.name());
            d.assign(f, v.id());
            progress.downloading(v.id(), "downloading", new io.kinora.progress.VideoProgress.Download(0, f.length(), 0, 0));
        }
        return videos;
    }

    void fail(String videoId, String code, String reason) {
        lifecycle.failed(videoId, code, reason);
        progress.finished(videoId, "failed");
    }

    void ingestFile(TorrentDownload d, String videoId, TorrentMeta.FileEntry f, Path file) {
        try {
            progress.stage(videoId, "validating");
            String sha = IngestService.sha256(file);
            ingest.acceptInto(videoId, file, sha, f.fileName(), d.request().priority());
            progress.stage(videoId, "queued");
        } catch (ProblemException e) {
            fail(videoId, e.code(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "ingest of torrent file " + f.displayPath() + " failed: " + e);
            fail(videoId, "torrent-failed", "the downloaded file could not be stored: " + e.getMessage());
        }
    }

    void downloading(String videoId, String stage, long done, long total, int peers, long rate) {
        progress.downloading(videoId, stage, new io.kinora.progress.VideoProgress.Download(done, total, peers, rate));
    }

    boolean exists(String videoId) { return catalog.find(videoId).isPresent(); }

    void ended(TorrentDownload d) {
        running.remove(d.importId());
        abandon(d.workDir());
    }

    Semaphore slots(int max) { return slots.computeIfAbsent(max, Semaphore::new); }

    // ---- internals

    private TorrentSettings settings() { return TorrentSettings.current(limits.maxBytes()); }

    private void checkProfile(IngestService.Request request) {
        if (request.profile() != null && Profiles.byName(request.profile()).isEmpty()) {
            throw ProblemException.badRequest("unknown-profile", "no encoding profile named " + request.profile());
        }
    }

    private void start(TorrentDownload d, List<Video> videos) {
        running.put(d.importId(), d);
        for (Video v : videos) progress.downloading(v.id(), "queued", new io.kinora.progress.VideoProgress.Download(0, d.expected(v.id()), 0, 0));
        try {
            startWatchdog();
            Thread t = threads.newThread(d);
            t.setName("torrent-" + d.importId());
            t.start();
        } catch (RuntimeException e) {
            running.remove(d.importId());
            videos.forEach(v -> catalog.deleteRow(v.id()));
            throw e;
        }
        LOG.info(() -> "Torrent import " + d.importId() + " (" + d.name() + ") started for videos " + d.videoIds());
    }

    private Video createVideo(Path work, IngestService.Request request, String title, String fileName, String torrentName)
            throws IOException {
        String t = title != null && !title.isBlank() ? title.strip() : DisplayNames.titleFrom(fileName);
        String profile = request.profile() == null ? encodeSettings.defaultProfile() : request.profile();
        Video v = catalog.create(request.ownerId(), t.length() > 300 ? t.substring(0, 300) : t,
                request.visibility() == null ? io.kinora.catalog.domain.Visibility.PRIVATE : request.visibility(), profile);
        // recorded before anything else can fail, so a crash leaves no video that nobody will ever finish
        Files.writeString(work.resolve("videos"), v.id() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        String description = torrentName.length() > 4000 ? torrentName.substring(0, 4000) : torrentName;
        return catalog.describe(v.id(), null, description, null);
    }

    /** Trackers, web seeds and peers must be allowed addresses, like an import URL; refused before anything starts. */
    static void admitAll(UrlPolicy policy, Collection<String> trackers, Collection<String> webSeeds, Collection<String> peers) {
        for (String t : trackers) admitUrl(policy, t, Set.of("http", "https", "udp"), "tracker");
        for (String w : webSeeds) admitUrl(policy, w, Set.of("http", "https"), "web seed");
        for (String p : peers) {
            try {
                policy.admitHost(Magnet.peerHost(p), InetAddress::getAllByName);
            } catch (ProblemException e) {
                throw withWhat(e, "peer " + p);
            }
        }
    }

    private static void admitUrl(UrlPolicy policy, String url, Set<String> schemes, String what) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("torrent-invalid", "a " + what + " that is not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw ProblemException.badRequest("import-scheme-not-allowed", "a " + what + " with scheme '" + scheme
                    + "' (allowed: " + String.join(", ", new java.util.TreeSet<>(schemes)) + "): " + url);
        }
        if (uri.getHost() == null) throw ProblemException.badRequest("torrent-invalid", "a " + what + " without a host: " + url);
        try {
            policy.admit(uri);
        } catch (ProblemException e) {
            // a tracker that does not resolve now is not refused: the child's ip_filter checks whatever it resolves to later
            if (!e.code().equals("import-unreachable")) throw withWhat(e, what + " " + url);
        }
    }

    private static ProblemException withWhat(ProblemException e, String what) {
        return new ProblemException(e.kind(), e.code(), "the torrent's " + what + ": " + e.getMessage());
    }

    private Path newWorkDir() throws IOException {
        return Files.createDirectories(torrentsDir().resolve(UUID.randomUUID().toString()));
    }

    Path torrentsDir() {
        return Path.of(dataDir).toAbsolutePath().resolve("torrents");
    }

    /** An import that could not start: its videos and its directory go; the caller gets the refusal. */
    private void rollback(Path work) {
        try {
            Path list = work.resolve("videos");
            if (Files.exists(list)) for (String id : Files.readAllLines(list)) if (!id.isBlank()) catalog.deleteRow(id.strip());
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "rolling back torrent import " + work + ": " + e);
        }
        abandon(work);
    }

    /** Removes an import's directory and everything in it. */
    static void abandon(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path p : w.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dir, e);
        }
    }
}
