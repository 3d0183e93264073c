package io.kinora.ops.health;

/**
 * One dependency's state, as /api/health shows it. {@code required}: whether DOWN makes the whole server DOWN (503);
 * an optional one (the SSO provider) is reported without taking the node out of a load balancer that cannot fix it.
 */
public record HealthCheckResult(String name, boolean up, String detail, boolean required) {
    public HealthCheckResult(String name, boolean up, String detail) { this(name, up, detail, true); }

    public static HealthCheckResult up(String name, String detail) { return new HealthCheckResult(name, true, detail); }

    public static HealthCheckResult down(String name, String detail) { return new HealthCheckResult(name, false, detail); }

    public static HealthCheckResult optional(String name, boolean up, String detail) {
        return new HealthCheckResult(name, up, detail, false);
    }
}
