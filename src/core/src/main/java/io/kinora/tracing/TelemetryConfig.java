package io.kinora.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Kinora's telemetry switch for MicroProfile Telemetry: the SDK stays off (the specification's default) unless an OTLP
 * endpoint is configured ({@code kinora.otel.endpoint} or {@code KINORA_OTEL_ENDPOINT}); then it exports traces over
 * HTTP/protobuf ({@code <endpoint>/v1/traces}), or gRPC with {@code kinora.otel.protocol=grpc}, samples {@code kinora.otel.sampler-ratio} of new traces (1.0 unless set) and names the service
 * {@code kinora.otel.service-name} ("kinora") with the node as its instance. Read when the application is deployed.
 * Ordinal 250: explicit {@code otel.*} system properties (400) and environment variables (300) still win.
 */
public class TelemetryConfig implements ConfigSource {
    static final String ENDPOINT = "kinora.otel.endpoint";

    @Override
    public Map<String, String> getProperties() {
        String endpoint = setting(ENDPOINT);
        Map<String, String> p = new HashMap<>();
        if (endpoint == null) return p;
        p.put("otel.sdk.disabled", "false");
        p.put("otel.exporter.otlp.endpoint", endpoint);
        p.put("otel.exporter.otlp.protocol", protocol());
        p.put("otel.traces.exporter", "otlp");
        p.put("otel.metrics.exporter", "none"); // /metrics is Prometheus' job
        p.put("otel.logs.exporter", "none");
        p.put("otel.traces.sampler", "parentbased_traceidratio");
        p.put("otel.traces.sampler.arg", setting("kinora.otel.sampler-ratio", "1.0"));
        p.put("otel.service.name", setting("kinora.otel.service-name", "kinora"));
        p.put("otel.resource.attributes", "service.instance.id=" + System.getProperty("jboss.node.name", "kinora"));
        return p;
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String name) {
        return name.startsWith("otel.") ? getProperties().get(name) : null;
    }

    @Override
    public String getName() {
        return "kinora-telemetry";
    }

    @Override
    public int getOrdinal() {
        return 250;
    }

    /** "grpc" when asked for, else OTLP's default, HTTP/protobuf (a misspelt value must not switch telemetry off). */
    static String protocol() {
        return "grpc".equalsIgnoreCase(setting("kinora.otel.protocol", "")) ? "grpc" : "http/protobuf";
    }

    /** A system property, else its environment variable (kinora.otel.sampler-ratio: KINORA_OTEL_SAMPLER_RATIO). */
    static String setting(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) v = System.getenv(name.toUpperCase().replace('.', '_').replace('-', '_'));
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String setting(String name, String fallback) {
        String v = setting(name);
        return v == null ? fallback : v;
    }
}
