package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Management;
import io.kinora.it.support.Media;
import io.kinora.it.support.Videos;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks: a user's receiver gets READY and COMPLETED for their video, each signed with HMAC-SHA256 of the
 * body under the secret handed out at registration; a receiver that fails is retried with backoff. Targets
 * on private addresses are refused unless allowed by configuration.
 */
class WebhookIT extends AgainstTheServer {
    static final String ALLOW = "kinora.import.allowed-hosts";

    @TempDir
    static Path dir;

    private final Api api = Api.local();

    record Received(String signature, String attempt, String body) { }

    @AfterEach
    void allowNothing() {
        Management.removeSystemProperty(ALLOW);
    }

    @Test
    void readyAndCompletedArriveSignedAndAFailingReceiverIsRetried() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = calls.incrementAndGet() == 1; // the very first delivery meets a broken receiver
            if (!fail) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("X-Kinora-Signature"),
                        exchange.getRequestHeaders().getFirst("X-Kinora-Delivery-Attempt"), body));
            }
            exchange.sendResponseHeaders(fail ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String token = api.newUser("hooks");
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            Api.Reply refused = api.postJson("/api/v1/webhooks", "{\"url\":\"" + url + "\"}", Api.bearer(token));
            assertEquals(400, refused.status(), refused.body());
            assertEquals("webhook-address-not-allowed", refused.json().getString("code"));

            Management.setSystemProperty(ALLOW, "127.0.0.1");
            Api.Reply created = api.postJson("/api/v1/webhooks", "{\"url\":\"" + url + "\"}", Api.bearer(token));
            assertEquals(201, created.status(), created.body());
            String secret = created.json().getString("secret");
            assertEquals(1, api.get("/api/v1/webhooks", Api.bearer(token)).jsonArray().size());

            Videos videos = new Videos(api, token);
            String id = videos.upload(Media.generateTone(dir.resolve("hook.mp4"), 256, 144, 2, 880), "visibility=PRIVATE")
                    .getString("id");
            videos.awaitStatus(id, Duration.ofMinutes(3), "COMPLETED", "FAILED");

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < 2 && System.nanoTime() < deadline) Videos.sleep(200);
            assertEquals(2, received.size(), "READY and COMPLETED delivered: " + received);
            for (Received r : received) {
                assertEquals("sha256=" + hmac(secret, r.body()), r.signature(), "signed with the webhook's secret");
                JsonObject event = Json.createReader(new StringReader(r.body())).readObject();
                assertEquals(id, event.getString("videoId"));
            }
            List<String> events = received.stream()
                    .map(r -> Json.createReader(new StringReader(r.body())).readObject().getString("event")).toList();
            assertTrue(events.containsAll(List.of("video.ready", "video.completed")), events.toString());
            assertTrue(received.stream().anyMatch(r -> !"1".equals(r.attempt())), "the failed delivery was retried");
        } finally {
            receiver.stop(0);
        }
    }

    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
