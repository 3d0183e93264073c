package io.kinora.ops.web;

import io.kinora.ops.health.HealthCheckResult;
import io.kinora.ops.health.HealthService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** The same checks as /api/health, for MicroProfile Health (/health/ready on the management port). */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    @Inject
    HealthService health;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("kinora");
        boolean up = true;
        for (HealthCheckResult r : health.checkAll()) {
            b.withData(r.name(), (r.up() ? "UP: " : "DOWN: ") + r.detail());
            up &= r.up();
        }
        return b.status(up).build();
    }
}
