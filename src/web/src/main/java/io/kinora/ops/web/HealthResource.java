package io.kinora.ops.web;

import io.kinora.ops.health.HealthCheckResult;
import io.kinora.ops.health.HealthService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /api/health: UP (200) only when every dependency answers; DOWN (503) names the one that does not. */
@Path("/health")
public class HealthResource {
    @Inject
    HealthService health;

    public record Check(String status, String detail) { }

    public record Health(String status, Instant time, Map<String, Check> checks) { }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        List<HealthCheckResult> results = health.checkAll();
        Map<String, Check> checks = new LinkedHashMap<>();
        results.forEach(r -> checks.put(r.name(), new Check(r.up() ? "UP" : "DOWN", r.detail())));
        boolean up = results.stream().allMatch(HealthCheckResult::up);
        return Response.status(up ? 200 : 503).header("Cache-Control", "no-store")
                .entity(new Health(up ? "UP" : "DOWN", Instant.now(), checks)).build();
    }
}
