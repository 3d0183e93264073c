package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.Api;
import io.kinora.it.support.StandaloneKinora;
import io.kinora.it.support.Videos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, point 10: between WildFly's boot and Kinora's deployment the server answered 404 (and WildFly's
 * welcome page at "/"), which tus clients take for "upload gone". A server of its own is started without the
 * EAR: every path answers 503 + Retry-After; then the EAR is dropped into the scanned directory, and nothing
 * but 503 is seen until Kinora answers. Before: 404 for the upload, 200 (the welcome page) for "/".
 */
class StartupWindowIT {
    static final int OFFSET = Api.portOffset() + 20;

    @Test
    void answers503WithRetryAfterUntilKinoraIsDeployed() throws Exception {
        try (StandaloneKinora server = new StandaloneKinora("startup-window", OFFSET)) {
            Path ear = server.deployments().resolve("kinora.ear");
            Path parked = server.deployments().resolveSibling("kinora.ear.parked");
            if (Files.exists(ear)) Files.move(ear, parked);
            server.launch();
            Api api = server.api();
            String upload = "/api/v1/uploads/" + UUID.randomUUID();
            Api.Reply first = null;
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (first == null && System.nanoTime() < deadline) {
                assertTrue(server.alive(), "the server exited");
                try {
                    first = api.send("HEAD", upload, null, null, "Tus-Resumable", "1.0.0");
                } catch (RuntimeException notListening) {
                    Videos.sleep(200);
                }
            }
            assertNotNull(first, "the server never answered");
            for (String path : List.of(upload, "/", "/admin/", "/api/health", "/embed/x")) {
                Api.Reply r = api.get(path);
                assertEquals(503, r.status(), path + " without Kinora: " + r);
                assertTrue(r.header("Retry-After").isPresent(), path + ": " + r.headers());
            }
            assertEquals(503, first.status(), "HEAD of an upload: " + first);

            Files.move(parked, ear); // the deployment scanner deploys it
            List<Integer> seen = new ArrayList<>();
            int health = 0;
            deadline = System.nanoTime() + 180_000_000_000L;
            while (health != 200 && System.nanoTime() < deadline) {
                assertTrue(server.alive(), "the server exited");
                int s = api.send("HEAD", upload, null, null, "Tus-Resumable", "1.0.0").status();
                if (seen.isEmpty() || seen.get(seen.size() - 1) != s) seen.add(s);
                health = api.get("/api/health").status();
                Videos.sleep(100);
            }
            assertEquals(200, health, "Kinora deployed: " + seen);
            assertEquals(503, seen.get(0).intValue(), seen.toString());
            assertFalse(seen.contains(404), "a 404 on the way (Kinora itself answers 401 to an anonymous HEAD): " + seen);
            Api.Reply page = api.get("/");
            assertEquals(200, page.status());
            assertTrue(page.body().contains("Kinora"), "Kinora's page, not WildFly's welcome page");
            assertFalse(page.header("Retry-After").isPresent(), page.headers().toString());
        }
    }
}
