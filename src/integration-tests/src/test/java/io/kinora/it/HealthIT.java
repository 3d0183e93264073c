package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class HealthIT extends AgainstTheServer {
    private final Api api = Api.local();

    @Test
    void apiHealthIsUpWithEveryDependencyChecked() {
        Api.Reply r = api.get("/api/health");
        assertEquals(200, r.status(), r.body());
        JsonObject body = r.json();
        assertEquals("UP", body.getString("status"));
        JsonObject checks = body.getJsonObject("checks");
        for (String dependency : new String[] {"database", "jms", "storage", "ffmpeg"}) {
            assertTrue(checks.containsKey(dependency), "health must check " + dependency + ": " + body);
            assertEquals("UP", checks.getJsonObject(dependency).getString("status"), dependency + ": " + body);
        }
        assertEquals("no-store", r.header("Cache-Control").orElse(""));
    }

    /**
     * MicroProfile Health on the management port reports the server and the Kinora deployment. WildFly does
     * not register application health checks from EAR subdeployments (WFLY-12835), so the dependency checks
     * live at /api/health (above); readiness here says the EAR deployed and the server runs.
     */
    @Test
    void microProfileReadinessReportsTheDeployment() {
        Api.Reply r = new Api("http://127.0.0.1:" + (9990 + Api.portOffset())).get("/health/ready");
        assertEquals(200, r.status(), r.body());
        assertEquals("UP", r.json().getString("status"));
        assertTrue(r.body().contains("\"kinora.ear\":\"OK\""), r.body());
        Api.Reply live = new Api("http://127.0.0.1:" + (9990 + Api.portOffset())).get("/health/live");
        assertEquals(200, live.status(), live.body());
    }

    @Test
    void openApiDocumentDescribesTheAuthEndpoint() {
        Api.Reply r = api.get("/openapi", "Accept", "application/json");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().getJsonObject("paths").containsKey("/api/v1/auth/token"), r.body());
    }
}
