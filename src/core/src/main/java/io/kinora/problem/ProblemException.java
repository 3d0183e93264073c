package io.kinora.problem;

/**
 * A refusal the client can act on: HTTP status plus a stable machine-readable code.
 * The web layer renders it as RFC 9457 application/problem+json; the code becomes the problem type.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String code;

    public ProblemException(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public int status() { return status; }

    public String code() { return code; }

    public static ProblemException badRequest(String code, String detail) { return new ProblemException(400, code, detail); }

    public static ProblemException unauthorized(String code, String detail) { return new ProblemException(401, code, detail); }

    public static ProblemException forbidden(String code, String detail) { return new ProblemException(403, code, detail); }

    public static ProblemException notFound(String code, String detail) { return new ProblemException(404, code, detail); }

    public static ProblemException conflict(String code, String detail) { return new ProblemException(409, code, detail); }
}
