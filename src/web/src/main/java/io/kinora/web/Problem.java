package io.kinora.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details; `code` repeats the last segment of `type` for clients that prefer a word. */
public record Problem(String type, String title, int status, String detail, String code) {
    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://kinora.io/problems/";

    public static Problem of(int status, String code, String detail) {
        Response.Status s = Response.Status.fromStatusCode(status);
        return new Problem(TYPE_BASE + code, s == null ? "Error" : s.getReasonPhrase(), status, detail, code);
    }

    /** A refusal from the core: the one place where its kind becomes an HTTP status. */
    public static Problem of(io.kinora.problem.ProblemException e) {
        return of(status(e.kind()), e.code(), e.getMessage());
    }

    public static int status(io.kinora.problem.ProblemException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_TYPE -> 415;
            case UNPROCESSABLE -> 422;
            case LOCKED -> 423;
            case TOO_MANY_ATTEMPTS -> 429;
            case CHECKSUM_MISMATCH -> 460; // tus checksum extension
            case NOT_IMPLEMENTED -> 501;
            case UPSTREAM_FAILED -> 502;
            case UNAVAILABLE -> 503;
            case UPSTREAM_TIMEOUT -> 504;
            case STORAGE_FULL -> 507;
        };
    }

    /** The kind of refusal an HTTP status stands for (statuses of the web layer's own refusals). */
    public static io.kinora.problem.ProblemException.Kind kind(int status) {
        for (var k : io.kinora.problem.ProblemException.Kind.values()) if (status(k) == status) return k;
        throw new IllegalArgumentException("no kind of refusal answers " + status);
    }

    /** The stable code of a refusal the container or the framework made, known only by its status. */
    public static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            case 500 -> "internal-error";
            default -> "http-" + status;
        };
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }

    /** Hand-written JSON for places outside JAX-RS (the authentication mechanism). */
    public String toJson() {
        return "{\"type\":\"" + esc(type) + "\",\"title\":\"" + esc(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + esc(detail) + "\",\"code\":\"" + esc(code) + "\"}";
    }

    private static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
