package io.kinora.security.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Why the provider's tokens are refused, said where an operator looks: the server log at INFO, once a minute per
 * kind of reason (a missing audience mapper refuses every token, and a flood of bad tokens must not flood the log),
 * and, when the provider's discovery document or keys cannot be fetched, the "sso" entry of /api/health.
 */
@ApplicationScoped
public class OidcDiagnostics {
    private static final Logger LOG = Logger.getLogger(OidcDiagnostics.class.getName());
    static final Duration QUIET = Duration.ofMinutes(1);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(30);

    @Inject OidcSettings settings;

    private record Said(Instant at, AtomicLong since) { }

    private final Map<String, Said> said = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Whether the provider can be used now, and what an admin needs to know (the /api/health "sso" entry). */
    public record ProviderHealth(boolean up, String detail) { }

    private record Probe(String of, Instant at, ProviderHealth result) { }

    private volatile Probe lastProbe;

    /**
     * A provider's token refused for {@code reason}; logged unless the same kind of refusal of the same provider was
     * logged less than a minute ago.
     */
    public void refused(String what, String reason) {
        String kind = settings.provider().map(OidcSettings.Provider::issuer).orElse("") + " " + what + ":" + kind(reason);
        Instant now = Instant.now();
        Said before = said.get(kind);
        if (before != null && before.at().plus(QUIET).isAfter(now)) {
            before.since().incrementAndGet();
            return;
        }
        said.put(kind, new Said(now, new AtomicLong()));
        long more = before == null ? 0 : before.since().get();
        String hint = kind.endsWith(":audience") ? settings.provider().map(p -> " (the provider must put Kinora's client id "
                + p.audience() + " into aud; Keycloak: an audience mapper, see docker/keycloak)").orElse("") : "";
        LOG.info(() -> what + " refused: " + reason + hint + (more > 0 ? " (" + more + " more refused for this kind of reason in the last minute)" : ""));
    }

    /** The kind of a Nimbus or Kinora refusal, so that one message per kind is logged (token values differ). */
    static String kind(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("not an access token")) return "type";
        if (r.contains("audience")) return "audience";
        if (r.contains("iss")) return "issuer";
        if (r.contains("expired")) return "expiry";
        if (r.contains("retrieve") || r.contains("jwk set") || r.contains("remote")) return "keys";
        if (r.contains("signature") || r.contains("key") || r.contains("algorithm") || r.contains("unsecured")) return "signature";
        return "other";
    }

    /** The "sso" health entry when a provider is configured: can its discovery document and keys be fetched now? */
    public Optional<ProviderHealth> health() {
        Optional<OidcSettings.Provider> configured = settings.provider();
        if (configured.isEmpty()) return Optional.empty();
        OidcSettings.Provider p = configured.get();
        String of = settings.discoveryUri(p) + " " + p.jwksUri();
        Probe last = lastProbe;
        if (last != null && last.of().equals(of) && last.at().plus(PROBE_EVERY).isAfter(Instant.now())) return Optional.of(last.result());
        String problem = fetch("discovery document", settings.discoveryUri(p));
        if (problem == null) problem = fetch("keys (JWKS)", p.jwksUri());
        ProviderHealth result = problem == null
                ? new ProviderHealth(true, "issuer " + p.issuer() + ": discovery document and keys fetched")
                : new ProviderHealth(false, "issuer " + p.issuer() + ": " + problem);
        if (problem != null) refused("provider", problem);
        lastProbe = new Probe(of, Instant.now(), result);
        return Optional.of(result);
    }

    private String fetch(String what, String uri) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? null : "the " + what + " at " + uri + " answered HTTP " + r.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "the " + what + " at " + uri + " cannot be fetched: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
        }
    }
}
