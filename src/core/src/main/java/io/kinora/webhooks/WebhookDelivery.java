package io.kinora.webhooks;

import io.kinora.catalog.application.VideoStatusChanged;
import io.kinora.catalog.domain.VideoStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells a video's owner when it becomes READY, COMPLETED or FAILED: a JSON POST to each of their webhooks,
 * signed with HMAC-SHA256 over the body (X-Kinora-Signature: sha256=...), retried with exponential backoff
 * (1 s, 2 s, 4 s ...) until a 2xx or the attempts run out. Sent after the state change commits, never before.
 */
@ApplicationScoped
public class WebhookDelivery {
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class.getName());
    private static final Set<VideoStatus> NOTIFIED = Set.of(VideoStatus.READY, VideoStatus.COMPLETED, VideoStatus.FAILED);

    @Inject WebhookRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject @ConfigProperty(name = "kinora.webhooks.max-attempts", defaultValue = "6")
    int maxAttempts;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();

    void onStatus(@Observes(during = TransactionPhase.AFTER_SUCCESS) VideoStatusChanged change) {
        if (!NOTIFIED.contains(change.to())) return;
        String body = Json.createObjectBuilder()
                .add("id", UUID.randomUUID().toString())
                .add("event", "video." + change.to().name().toLowerCase())
                .add("videoId", change.videoId())
                .add("status", change.to().name())
                .add("failureCode", change.failureCode() == null ? "" : change.failureCode())
                .add("at", Instant.now().toString())
                .build().toString();
        for (Webhook hook : registry.forOwner(change.ownerId())) {
            scheduler.execute(() -> attempt(hook, body, 1));
        }
    }

    private void attempt(Webhook hook, String body, int attempt) {
        try {
            URI target = WebhookRegistry.check(hook.url()); // the address may have changed since registration
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Kinora")
                    .header("X-Kinora-Signature", "sha256=" + sign(hook.secret(), body))
                    .header("X-Kinora-Delivery-Attempt", String.valueOf(attempt))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 == 2) return;
            retry(hook, body, attempt, "HTTP " + r.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            retry(hook, body, attempt, e.toString());
        }
    }

    private void retry(Webhook hook, String body, int attempt, String why) {
        if (attempt >= maxAttempts) {
            LOG.warning(() -> "webhook " + hook.id() + " gave up after " + attempt + " attempts: " + why);
            return;
        }
        long delay = 1000L << Math.min(attempt - 1, 10);
        scheduler.schedule(() -> attempt(hook, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
