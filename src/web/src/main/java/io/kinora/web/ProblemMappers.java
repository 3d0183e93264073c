package io.kinora.web;

import io.kinora.problem.ProblemException;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every error leaves as application/problem+json with a stable code. */
public final class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() { }

    @Provider
    public static class Kinora implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            if (e instanceof io.kinora.problem.TooManyAttempts t) {
                return Response.fromResponse(Problem.of(e).toResponse())
                        .header("Retry-After", t.retryAfterSeconds()).build();
            }
            return Problem.of(e).toResponse();
        }
    }

    @Provider
    public static class Ejb implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProblemException p) return new Kinora().toResponse(p);
            return new Unexpected().toResponse(e);
        }
    }

    /** A body stream that passed the JSON limit, wherever the framework wrapped it; null if not that. */
    static Response tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestGuardFilter.BodyTooLarge) {
                return Problem.of(413, "body-too-large", t.getMessage()).toResponse();
            }
        }
        return null;
    }

    /** A full disk under a write: 507, try again later; null if not that. */
    static Response storageFull(Throwable e) {
        if (!io.kinora.problem.StorageFull.is(e)) return null;
        LOG.warning(() -> "storage full: " + e);
        return Response.fromResponse(Problem.of(507, io.kinora.problem.StorageFull.CODE,
                        "the server's storage is full; what was acknowledged is kept, try again later").toResponse())
                .header("Retry-After", io.kinora.problem.StorageFull.RETRY_AFTER_SECONDS).build();
    }

    private static final Pattern PARAMETER = Pattern.compile("(Query|Path|Header|Matrix|Cookie|Form)Param\\(\"([^\"]{1,100})\"\\)");

    @Provider
    public static class Jaxrs implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response tooLarge = tooLarge(e);
            if (tooLarge != null) return tooLarge;
            int status = e.getResponse().getStatus();
            // a parameter that does not convert (limit=abc, /jobs/abc): RESTEasy says 404 (or 400) with its own text
            String message = e.getMessage() == null ? "" : e.getMessage();
            Matcher param = PARAMETER.matcher(message);
            if ((status == 404 || status == 400) && param.find()) {
                return Problem.of(400, "invalid-parameter", param.group(1).toLowerCase(java.util.Locale.ROOT)
                        + " parameter '" + param.group(2) + "' has a value of the wrong type").toResponse();
            }
            String code = Problem.codeOf(status);
            // never the framework's own text (class names, RESTEASY codes, full URLs): a fixed sentence per status
            String detail = switch (status) {
                case 400 -> "the request is malformed";
                case 401 -> "sign in or send a bearer token";
                case 403 -> "not allowed";
                case 404 -> "no such resource";
                case 405 -> "this resource does not accept " + "that method";
                case 406 -> "no representation matches the Accept header";
                case 415 -> "this endpoint does not accept that Content-Type";
                default -> "the request cannot be handled (" + status + ")";
            };
            Response.ResponseBuilder b = Response.fromResponse(Problem.of(status, code, detail).toResponse());
            String allow = e.getResponse().getHeaderString("Allow");
            if (allow != null) b.header("Allow", allow);
            return b.build();
        }
    }

    @Provider
    public static class Json implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            Response tooLarge = tooLarge(e);
            if (tooLarge != null) return tooLarge;
            return Problem.of(400, "malformed-json", "request body is not valid JSON for this endpoint").toResponse();
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof ProblemException p) return new Kinora().toResponse(p);
            Response tooLarge = tooLarge(e);
            if (tooLarge != null) return tooLarge;
            if (e instanceof WebApplicationException w) return new Jaxrs().toResponse(w);
            Response full = storageFull(e);
            if (full != null) return full;
            for (Throwable t = e; t != null; t = t.getCause()) {
                // RESTEasy wraps a body that JSON-B cannot read in a ProcessingException
                if (t instanceof JsonbException || t instanceof jakarta.json.JsonException) return new Json().toResponse(null);
            }
            LOG.log(Level.WARNING, "unexpected error", e);
            return Problem.of(500, "internal-error", "unexpected error; see server log").toResponse();
        }
    }

    /** Checked exceptions too (an I/O error reading a body): problem+json, never the framework's page. */
    @Provider
    public static class Checked implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            if (e instanceof RuntimeException r) return new Unexpected().toResponse(r);
            Response tooLarge = tooLarge(e);
            if (tooLarge != null) return tooLarge;
            Response full = storageFull(e);
            if (full != null) return full;
            LOG.log(Level.WARNING, "unexpected error", e);
            return Problem.of(500, "internal-error", "unexpected error; see server log").toResponse();
        }
    }
}
