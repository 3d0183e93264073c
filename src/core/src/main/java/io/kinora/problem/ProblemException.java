package io.kinora.problem;

/**
 * A refusal the client can act on: what kind of refusal it is, plus a stable machine-readable code. The WAR turns
 * it into RFC 9457 application/problem+json (the kind chooses the HTTP status there, in one place; the code becomes
 * the problem type).
 */
public class ProblemException extends RuntimeException {
    /** The kinds of refusal; the WAR maps each to its HTTP status. */
    public enum Kind {
        INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, GONE, TOO_LARGE, UNSUPPORTED_TYPE, UNPROCESSABLE,
        LOCKED, TOO_MANY_ATTEMPTS, CHECKSUM_MISMATCH, NOT_IMPLEMENTED, UPSTREAM_FAILED, UNAVAILABLE, UPSTREAM_TIMEOUT,
        STORAGE_FULL
    }

    private final Kind kind;
    private final String code;

    public ProblemException(Kind kind, String code, String detail) {
        super(detail);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() { return kind; }

    public String code() { return code; }

    public static ProblemException badRequest(String code, String detail) { return new ProblemException(Kind.INVALID, code, detail); }

    public static ProblemException unauthorized(String code, String detail) { return new ProblemException(Kind.UNAUTHENTICATED, code, detail); }

    public static ProblemException forbidden(String code, String detail) { return new ProblemException(Kind.FORBIDDEN, code, detail); }

    public static ProblemException notFound(String code, String detail) { return new ProblemException(Kind.NOT_FOUND, code, detail); }

    public static ProblemException conflict(String code, String detail) { return new ProblemException(Kind.CONFLICT, code, detail); }
}
