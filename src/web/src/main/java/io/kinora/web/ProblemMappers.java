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

/** Every error leaves as application/problem+json with a stable code. */
public final class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() { }

    @Provider
    public static class Kinora implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return Problem.of(e.status(), e.code(), e.getMessage()).toResponse();
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

    @Provider
    public static class Jaxrs implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String code = switch (status) {
                case 400 -> "bad-request";
                case 401 -> "unauthorized";
                case 403 -> "forbidden";
                case 404 -> "not-found";
                case 405 -> "method-not-allowed";
                case 406 -> "not-acceptable";
                case 415 -> "unsupported-media-type";
                default -> "http-" + status;
            };
            return Problem.of(status, code, e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class Json implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return Problem.of(400, "malformed-json", "request body is not valid JSON for this endpoint").toResponse();
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof ProblemException p) return new Kinora().toResponse(p);
            if (e instanceof WebApplicationException w) return new Jaxrs().toResponse(w);
            for (Throwable t = e; t != null; t = t.getCause()) {
                // RESTEasy wraps a body that JSON-B cannot read in a ProcessingException
                if (t instanceof JsonbException || t instanceof jakarta.json.JsonException) return new Json().toResponse(null);
            }
            LOG.log(Level.WARNING, "unexpected error", e);
            return Problem.of(500, "internal-error", "unexpected error; see server log").toResponse();
        }
    }
}
