package io.kinora.ops.ratelimit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Token buckets per (category, client): a client may burst up to the per-minute limit and then gets one
 * request back every 60/limit seconds. Kept in memory per node: a limit is per node, which is enough to
 * blunt password guessing and upload floods; a shared limit would need the database or a cache.
 *
 * <p>Config: kinora.ratelimit.enabled (true), kinora.ratelimit.{category}.per-minute (upload 30, auth 20).
 */
@ApplicationScoped
public class RateLimiter {
    private static final Map<String, Integer> DEFAULTS = Map.of("upload", 30, "auth", 20);
    private static final int MAX_CLIENTS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private boolean enabled;
    private final Map<String, Integer> limits = new ConcurrentHashMap<>();

    @PostConstruct
    void configure() {
        Config c = ConfigProvider.getConfig();
        enabled = c.getOptionalValue("kinora.ratelimit.enabled", Boolean.class).orElse(true);
        DEFAULTS.forEach((k, v) -> limits.put(k, c.getOptionalValue("kinora.ratelimit." + k + ".per-minute", Integer.class).orElse(v)));
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }
    }

    /** Takes one token; empty when allowed, else the seconds until the next token (for Retry-After). */
    public OptionalLong acquire(String category, String client) {
        Integer perMinute = limits.get(category);
        if (!enabled || perMinute == null || perMinute <= 0) return OptionalLong.empty();
        long now = System.nanoTime();
        double perNano = perMinute / 60e9;
        if (buckets.size() > MAX_CLIENTS) buckets.clear(); // a flood of fresh addresses: forget, don't run out of memory
        Bucket b = buckets.computeIfAbsent(category + "|" + client, k -> new Bucket(perMinute, now));
        synchronized (b) {
            b.tokens = Math.min(perMinute, b.tokens + (now - b.updated) * perNano);
            b.updated = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of((long) Math.ceil((1 - b.tokens) / perNano / 1e9));
        }
    }
}
