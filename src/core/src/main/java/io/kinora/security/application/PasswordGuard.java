package io.kinora.security.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one limiter in front of every password check (HTTP Basic, the token endpoint, a password change, deleting an
 * account): failures are counted per account name and per client, and past a free allowance each further failure
 * shuts that key for twice as long as the last (1 s, 2 s, 4 s ... up to {@code kinora.auth.max-delay}). While a key
 * is shut, the password is not even looked at. The account key is the name as typed, whether or not such an account
 * exists, so the answer for a shut account tells nothing about its existence. A success clears both keys; failures
 * are forgotten after an hour without one.
 *
 * <p>Per node and in memory, like {@code RateLimiter}: a restart forgets. The account key makes guessing from many
 * addresses as slow as from one; its price is that someone guessing can slow the real owner down too (by seconds,
 * growing only while the guessing goes on), which is the usual trade.
 */
@ApplicationScoped
public class PasswordGuard {
    private static final int MAX_KEYS = 100_000;
    private static final long FORGET_AFTER_MS = Duration.ofHours(1).toMillis();

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    LongSupplier clock = System::currentTimeMillis;
    boolean enabled = true;
    int freePerAccount = 5;
    int freePerClient = 30;
    long maxDelayMs = Duration.ofMinutes(15).toMillis();
    Set<String> exempt = Set.of();

    @PostConstruct
    void configure() {
        Config c = ConfigProvider.getConfig();
        enabled = c.getOptionalValue("kinora.ratelimit.enabled", Boolean.class).orElse(true);
        freePerAccount = c.getOptionalValue("kinora.auth.free-failures-per-account", Integer.class).orElse(5);
        freePerClient = c.getOptionalValue("kinora.auth.free-failures-per-client", Integer.class).orElse(30);
        maxDelayMs = c.getOptionalValue("kinora.auth.max-delay", Duration.class).orElse(Duration.ofMinutes(15)).toMillis();
        exempt = Arrays.stream(c.getOptionalValue("kinora.ratelimit.exempt-addresses", String.class).orElse("").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static final class Entry {
        int failures;
        long lastFailure;
        long shutUntil;
    }

    /** Seconds until a password may be tried again for this account from this client; empty when it may now. */
    public OptionalLong shut(String account, String client) {
        if (!enabled) return OptionalLong.empty();
        long now = clock.getAsLong();
        long until = Math.max(until(accountKey(account), now), clientKey(client) == null ? 0 : until(clientKey(client), now));
        if (until <= now) return OptionalLong.empty();
        return OptionalLong.of(Math.max(1, (until - now + 999) / 1000));
    }

    /** A wrong password (or an unknown account) for this name from this client. */
    public void failed(String account, String client) {
        if (!enabled) return;
        long now = clock.getAsLong();
        if (entries.size() > MAX_KEYS) entries.clear(); // a flood of fresh names: forget rather than run out of memory
        count(accountKey(account), freePerAccount, now);
        String ck = clientKey(client);
        if (ck != null) count(ck, freePerClient, now);
    }

    /** The right password: both keys start afresh. */
    public void succeeded(String account, String client) {
        entries.remove(accountKey(account));
        String ck = clientKey(client);
        if (ck != null) entries.remove(ck);
    }

    private long until(String key, long now) {
        Entry e = entries.get(key);
        if (e == null) return 0;
        synchronized (e) {
            return e.shutUntil;
        }
    }

    private void count(String key, int free, long now) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        synchronized (e) {
            if (now - e.lastFailure > FORGET_AFTER_MS) e.failures = 0;
            e.failures++;
            e.lastFailure = now;
            int over = e.failures - free;
            if (over > 0) {
                long delay = over > 30 ? maxDelayMs : Math.min(maxDelayMs, 1000L << (over - 1));
                e.shutUntil = Math.max(e.shutUntil, now + delay);
            }
        }
    }

    private static String accountKey(String account) {
        return "a:" + (account == null ? "" : account.strip().toLowerCase(Locale.ROOT));
    }

    private String clientKey(String client) {
        if (client == null || client.isEmpty() || exempt.contains(client)) return null;
        return "c:" + client;
    }
}
