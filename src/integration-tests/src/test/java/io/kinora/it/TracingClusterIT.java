package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.Api;
import io.kinora.it.support.Cluster;
import io.kinora.it.support.Media;
import io.kinora.it.support.OtlpReceiver;
import io.kinora.it.support.OtlpReceiver.Received;
import io.kinora.it.support.Videos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload's trace crosses nodes: on a two-node cluster (as {@link ClusterIT}) both nodes export to one receiver,
 * and the work items of one video, encoded on both, are spans of the one trace the upload started, each under the
 * coordinator's item span.
 */
class TracingClusterIT {
    static final int OFFSET_A = 720;
    static final int OFFSET_B = 740;

    @TempDir
    static Path dir;

    static OtlpReceiver receiver;
    static Cluster cluster;

    @BeforeAll
    static void cluster() throws Exception {
        receiver = new OtlpReceiver();
        cluster = new Cluster(dir, OFFSET_A, OFFSET_B,
                Map.of("kinora.otel.endpoint", receiver.endpoint(), "otel.bsp.schedule.delay", "200"));
        cluster.start();
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) cluster.close();
        if (receiver != null) receiver.close();
    }

    @Test
    void theItemsOfOneVideoAreOneTraceOnBothNodes() throws Exception {
        Api api = cluster.a.api();
        String token = api.token(AuthIT.ADMIN, AuthIT.ADMIN_PASSWORD);
        HexFormat hex = HexFormat.of();
        SecureRandom random = new SecureRandom();
        String traceId = hex.formatHex(random.generateSeed(16));
        // 12 s with keyframes every second: 3 pieces, two items each (the lowest rung, then the others), and the audio
        Path src = Media.generate(dir.resolve("cluster-traced.mp4"), 640, 360, "25", 12, 1, true);
        Api.Reply created = api.sendBytes("POST", "/api/v1/videos?visibility=UNLISTED", Files.readAllBytes(src),
                "video/mp4", "Authorization", "Bearer " + token,
                "traceparent", "00-" + traceId + "-" + hex.formatHex(random.generateSeed(8)) + "-01");
        assertTrue(created.status() == 201 || created.status() == 200, created.toString());
        String id = created.json().getString("id");
        Videos videos = new Videos(api, token);
        List<String> seen = videos.awaitStatus(id, Duration.ofMinutes(6), "COMPLETED", "FAILED");
        assertEquals("COMPLETED", videos.get(id).getString("status"), "saw " + seen);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Received> trace;
        do {
            Videos.sleep(300);
            trace = receiver.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
        } while (trace.stream().noneMatch(s -> s.name().equals("encode-video job")) && System.nanoTime() < deadline);
        Map<String, Received> byId = trace.stream().collect(Collectors.toMap(Received::spanId, Function.identity()));
        List<Received> pieces = trace.stream().filter(s -> s.name().equals("encode piece")).toList();
        assertFalse(pieces.isEmpty(), "the items are in the upload's trace: " + trace.stream().map(Received::name).toList());
        Set<String> nodes = pieces.stream().map(Received::serviceInstance).collect(Collectors.toSet());
        assertEquals(Set.of("node-a", "node-b"), nodes, "items encoded on both nodes, in the one trace");
        for (Received p : pieces) {
            Received item = byId.get(p.parentSpanId());
            assertNotNull(item, "the coordinator's item span of " + p);
            assertEquals("encode item", item.name());
            assertEquals(p.attribute("kinora.node"), item.attribute("kinora.node"), "the item knows who encoded it");
            assertEquals(p.serviceInstance(), p.attribute("kinora.node"));
        }
        assertEquals(pieces.stream().filter(p -> !"-1".equals(p.attribute("kinora.piece"))).count(),
                trace.stream().filter(s -> s.name().equals("ffmpeg") && s.attribute("kinora.piece") != null).count(),
                "an FFmpeg span per piece encode, whichever node ran it");
        for (Received s : receiver.spans()) {
            if (id.equals(s.attribute("kinora.video"))) assertEquals(traceId, s.traceId(), "outside the upload's trace: " + s);
        }
    }
}
