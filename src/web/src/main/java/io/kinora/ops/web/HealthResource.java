package io.kinora.ops.web;

import io.kinora.ops.health.HealthCheckResult;
import io.kinora.ops.health.HealthService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/health: UP (200) only when every dependency answers; DOWN (503) names the one that does not. Anyone
 * sees UP/DOWN per dependency; only admins see the details (versions, free space), which help an attacker more
 * than a monitor. No answer names a server path.
 */
@Path("/health")
public class HealthResource {
    @Inject
    HealthService health;

    public record Check(String status, String detail) { }

    public record Health(String status, Instant time, Map<String, Check> checks) { }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health(@Context SecurityContext security) {
        boolean admin = security != null && security.isUserInRole("admin");
        List<HealthCheckResult> results = health.checkAll();
        Map<String, Check> checks = new LinkedHashMap<>();
        results.forEach(r -> checks.put(r.name(), new Check(r.up() ? "UP" : "DOWN", admin ? r.detail() : null)));
        boolean up = results.stream().filter(HealthCheckResult::required).allMatch(HealthCheckResult::up);
        return Response.status(up ? 200 : 503).header("Cache-Control", "no-store")
                .entity(new Health(up ? "UP" : "DOWN", Instant.now(), checks)).build();
    }
}
