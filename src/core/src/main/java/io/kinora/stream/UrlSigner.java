package io.kinora.stream;

import io.kinora.problem.ProblemException;
import io.kinora.security.application.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signed, expiring links to one video's media: HMAC-SHA256 over "videoId:exp" with a server-wide key kept
 * in the database (every node and restart verifies the same links). One signature covers every file of the
 * video, so a playlist can hand its signature on to the variants and segments it names.
 */
@ApplicationScoped
public class UrlSigner {
    static final String KEY_NAME = "url.signing-key";

    @Inject SettingsService settings;

    @Inject @ConfigProperty(name = "kinora.stream.signed-url.default-ttl-seconds", defaultValue = "3600")
    long defaultTtl;

    /** Longest life a caller may ask for; links are bearer secrets, so they must die. */
    @Inject @ConfigProperty(name = "kinora.stream.signed-url.max-ttl-seconds", defaultValue = "86400")
    long maxTtl;

    private volatile byte[] key;
    Clock clock = Clock.systemUTC();

    public UrlSigner() { }

    /** Outside the container (fuzz tests): this key, these limits. */
    UrlSigner(byte[] key, long defaultTtl, long maxTtl) {
        this.key = key;
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
    }

    public record Signature(long exp, String sig) {
        public String query() { return "exp=" + exp + "&sig=" + sig; }
        public Instant expiresAt() { return Instant.ofEpochSecond(exp); }
    }

    /** Signs for ttlSeconds (null: the default); outside 1..max is a bad request, not silently clipped. */
    public Signature sign(String videoId, Long ttlSeconds) {
        long ttl = ttlSeconds == null ? Math.min(defaultTtl, maxTtl) : ttlSeconds;
        if (ttl < 1 || ttl > maxTtl) throw ProblemException.badRequest("invalid-ttl", "ttlSeconds must be 1.." + maxTtl);
        long exp = clock.instant().plus(Duration.ofSeconds(ttl)).getEpochSecond();
        return new Signature(exp, mac(videoId, exp));
    }

    /** Throws 403 bad-signature or link-expired; the signature is checked first so a forged exp tells nothing. */
    public void verify(String videoId, String exp, String sig) {
        long e;
        try {
            e = Long.parseLong(exp);
        } catch (NumberFormatException | NullPointerException x) {
            throw ProblemException.forbidden("bad-signature", "the link's signature does not match");
        }
        byte[] expected = mac(videoId, e).getBytes(StandardCharsets.US_ASCII);
        if (sig == null || !MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
            throw ProblemException.forbidden("bad-signature", "the link's signature does not match");
        }
        if (clock.instant().getEpochSecond() >= e) throw ProblemException.forbidden("link-expired", "the link has expired");
    }

    private String mac(String videoId, long exp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] out = mac.doFinal((videoId + ":" + exp).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException x) {
            throw new IllegalStateException(x);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            String stored;
            try {
                stored = settings.secret(KEY_NAME);
            } catch (RuntimeException e) {
                stored = settings.secret(KEY_NAME); // another node or thread created it first: read theirs
            }
            key = k = Base64.getDecoder().decode(stored);
        }
        return k;
    }
}
