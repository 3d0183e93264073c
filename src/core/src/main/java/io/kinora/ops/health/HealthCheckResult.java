package io.kinora.ops.health;

/** One dependency's state, as /api/health shows it. */
public record HealthCheckResult(String name, boolean up, String detail) {
    public static HealthCheckResult up(String name, String detail) { return new HealthCheckResult(name, true, detail); }

    public static HealthCheckResult down(String name, String detail) { return new HealthCheckResult(name, false, detail); }
}
