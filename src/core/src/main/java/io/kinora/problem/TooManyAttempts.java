package io.kinora.problem;

/** 429: the caller must wait {@link #retryAfterSeconds()} before trying again (sent as Retry-After). */
public class TooManyAttempts extends ProblemException {
    private final long retryAfterSeconds;

    public TooManyAttempts(String code, String detail, long retryAfterSeconds) {
        super(Kind.TOO_MANY_ATTEMPTS, code, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() { return retryAfterSeconds; }
}
