package io.kinora.ingest.torrent;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.domain.VideoStatus;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * At startup: an import directory under {@code <data>/torrents} belongs to a download this node was running when
 * it stopped (its child died with it: the child quits when its stdin closes). The download is not resumed; its
 * videos that never got their file fail with {@code torrent-interrupted} and the directory is removed.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class TorrentRecovery {
    private static final Logger LOG = Logger.getLogger(TorrentRecovery.class.getName());

    @Inject TorrentImports imports;
    @Inject VideoCatalog catalog;
    @Inject VideoLifecycle lifecycle;

    @PostConstruct
    void recover() {
        Path dir = imports.torrentsDir();
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> leftovers = Files.list(dir)) {
            for (Path work : leftovers.toList()) {
                Path list = work.resolve("videos");
                List<String> ids = Files.exists(list) ? Files.readAllLines(list) : List.of();
                for (String id : ids) {
                    catalog.find(id.strip()).filter(v -> v.status() == VideoStatus.PROCESSING && v.sourceKey() == null)
                            .ifPresent(v -> lifecycle.failed(v.id(), "torrent-interrupted",
                                    "the server stopped during the torrent download; import it again"));
                }
                TorrentImports.abandon(work);
                LOG.info(() -> "Removed the torrent import " + work.getFileName() + " left by the last run");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "torrent recovery: " + e);
        }
    }
}
