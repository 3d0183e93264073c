package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.SourceMetadata;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.VideoRepository;
import io.kinora.catalog.domain.VideoStatus;
import io.kinora.catalog.domain.Visibility;
import io.kinora.it.support.Deployments;
import io.kinora.security.domain.Account;
import io.kinora.security.domain.AccountRepository;
import io.kinora.security.domain.Role;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs inside WildFly, next to the real persistence unit and the Flyway-migrated H2 file database. */
@ExtendWith(ArquillianExtension.class)
class PersistenceInServerIT {

    @Deployment
    static EnterpriseArchive deployment() {
        // the test class rides in Kinora's own web module: Arquillian enriches exactly one WAR
        EnterpriseArchive ear = Deployments.ear();
        ear.getAsType(WebArchive.class, "kinora-web.war").addClass(PersistenceInServerIT.class);
        return ear;
    }

    @Inject
    AccountRepository accounts;

    @Inject
    VideoRepository videos;

    @Inject
    UserTransaction tx;

    private <T> T inTx(Callable<T> work) throws Exception {
        tx.begin();
        try {
            T result = work.call();
            tx.commit();
            return result;
        } catch (Exception | AssertionError e) {
            tx.rollback();
            throw e;
        }
    }

    @Test
    void videoWithRenditionsRoundTripsAndMovesReadyThenCompleted() throws Exception {
        String username = "persist-" + UUID.randomUUID().toString().substring(0, 8);
        long ownerId = inTx(() -> accounts.save(new Account(username, "hash", Set.of(Role.USER), Account.Origin.LOCAL)).id());
        String sha = "ab".repeat(32);

        String videoId = inTx(() -> {
            Video v = new Video(ownerId, "Round trip", Visibility.UNLISTED, "default");
            v.attachSource("clip.mp4", "videos/x/source", 1234L, sha);
            v.probed(new SourceMetadata("mov,mp4", "h264", "aac", 1920, 1080, "25/1", 10_000L, 5_000_000L));
            v.addRendition("144p", "h264", 256, 144, 100).plan(5);
            v.addRendition("360p", "h264", 640, 360, 400).plan(5);
            return videos.save(v).id();
        });

        inTx(() -> {
            Video v = videos.find(videoId).orElseThrow();
            assertEquals(ownerId, v.ownerId());
            assertEquals(Visibility.UNLISTED, v.visibility());
            assertEquals(VideoStatus.PROCESSING, v.status());
            assertEquals(1920, v.source().width());
            assertEquals(2, v.renditions().size());
            assertEquals("144p", v.renditions().get(0).name(), "lowest rung first");
            Rendition low = v.renditions().get(0);
            low.publish("avc1.64000c", "25", 120_000, 100_000, "videos/x/144p.m3u8", "videos/x/144p.mp4", 5000);
            v.renditionPublished(5000);
            assertEquals(VideoStatus.READY, v.status(), "first published rendition makes it READY");
            return null;
        });

        inTx(() -> {
            Video v = videos.find(videoId).orElseThrow();
            assertEquals(VideoStatus.READY, v.status());
            assertNotNull(v.readyAt());
            v.renditions().get(1).publish("avc1.64001e", "25", 450_000, 400_000, "p", "m", 9000);
            v.renditionPublished(9000);
            assertEquals(VideoStatus.COMPLETED, v.status(), "last published rendition completes it");
            assertEquals(1234L + 5000 + 9000, v.storedBytes());
            return null;
        });

        assertEquals(videoId, inTx(() -> videos.findByOwnerAndHash(ownerId, sha).orElseThrow().id()));
        inTx(() -> { videos.delete(videos.find(videoId).orElseThrow()); return null; });
        assertTrue(inTx(() -> videos.find(videoId)).isEmpty());
        assertTrue(inTx(() -> accounts.findByUsername(username)).isPresent());
    }
}
