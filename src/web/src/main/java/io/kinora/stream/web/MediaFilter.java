package io.kinora.stream.web;

import io.kinora.embed.CrossOrigin;
import io.kinora.ops.metrics.OpsCounters;
import io.kinora.problem.ProblemException;
import io.kinora.security.web.TokenAuthenticationMechanism;
import io.kinora.web.Callers;
import io.kinora.web.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * GET and HEAD of media, answered here instead of by JAX-RS: this is the hot path (every HLS segment, every range
 * of a progressive MP4) and JAX-RS dispatch cost several times the work of deciding access and handing the file
 * to sendfile. Paths, same rules as the rest of the API (authentication ran before filters; every path also
 * accepts a signed link ?exp=&sig=; ?nocache=1 answers Cache-Control: no-store):
 * <pre>
 * /api/v1/videos/{id}/hls/master.m3u8          master playlist
 * /api/v1/videos/{id}/hls/{rendition}/{file}   media playlist, init segment, segments, captions
 * /api/v1/videos/{id}/mp4/{rendition}          progressive MP4 with Range
 * /api/v1/videos/{id}/thumbs/{file}            poster, thumbnails, storyboard
 * /api/v1/videos/{id}/download/original        the upload as it came (owner, admin)
 * /api/v1/videos/{id}/download/{rendition}     a rendition's MP4 as an attachment
 * /api/stream/{id}/{quality}                   StreamForge (seed 002): the progressive MP4 of one quality
 * </pre>
 * Cross-origin: GET/HEAD answers carry CORS headers decided with the access ({@link MediaFiles#cors}); an
 * OPTIONS preflight of a media path is answered here. Anything else goes on to JAX-RS. The paths are documented in META-INF/openapi.yaml.
 */
@WebFilter(urlPatterns = {"/api/v1/videos/*", "/api/stream/*"}, asyncSupported = true)
public class MediaFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(MediaFilter.class.getName());
    private static final String VIDEOS = "/api/v1/videos/";
    private static final String STREAM = "/api/stream/";
    private static final List<String> KEPT = List.of("WWW-Authenticate", "Retry-After", "Vary", "Access-Control-Allow-Origin",
            "Access-Control-Allow-Credentials", "Access-Control-Expose-Headers");

    @Inject MediaFiles files;
    @Inject Callers callers;
    @Inject OpsCounters counters;
    @Inject CrossOrigin crossOrigin;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean head = "HEAD".equals(request.getMethod());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null && route(path) != null) {
            preflight(request, response);
            return;
        }
        Route route = head || "GET".equals(request.getMethod()) ? route(path) : null;
        if (route == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            if (request.getAttribute(TokenAuthenticationMechanism.REFUSED)
                    instanceof TokenAuthenticationMechanism.Refusal refused) {
                refused.headers(response::setHeader);
                throw new ProblemException(Problem.kind(refused.status()), refused.code(), refused.detail());
            }
            route.serve(new MediaFiles.MediaRequest(callers.of(request), request.getParameter("exp"),
                    request.getParameter("sig"), head, "1".equals(request.getParameter("nocache"))), request, response);
        } catch (ProblemException e) {
            problem(response, Problem.of(e));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unexpected error serving " + path, e);
            problem(response, Problem.of(500, "internal-error", "unexpected error; see server log"));
        }
    }

    /**
     * CORS preflight of a media path (a foreign player sending Range): 204 with what it may do, or 403
     * problem+json. The preflight carries no credentials, so it cannot depend on the video: the GET itself gets
     * (or, for private media, does not get) Access-Control-Allow-Origin.
     */
    private void preflight(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            CrossOrigin.Answer a = crossOrigin.mediaPreflight(request.getHeader("Origin"),
                    request.getHeader("Access-Control-Request-Method"), request.getHeader("Access-Control-Request-Headers"));
            if (a.vary()) response.addHeader("Vary", "Origin");
            response.setStatus(204);
            response.setHeader("Access-Control-Allow-Origin", a.allowOrigin());
            if (a.credentials()) response.setHeader("Access-Control-Allow-Credentials", "true");
            response.setHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
            List<String> asked = CrossOrigin.headers(request.getHeader("Access-Control-Request-Headers"));
            if (!asked.isEmpty()) response.setHeader("Access-Control-Allow-Headers", String.join(", ", asked));
            response.setHeader("Access-Control-Max-Age", "86400");
        } catch (ProblemException e) {
            response.addHeader("Vary", "Origin");
            problem(response, Problem.of(e));
        }
    }

    @FunctionalInterface
    private interface Route {
        void serve(MediaFiles.MediaRequest ask, HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    /** The handler of a media path, or null when JAX-RS should have the request. */
    private Route route(String path) {
        if (path.startsWith(STREAM)) {
            String[] p = split(path, STREAM.length(), 2);
            if (p == null || p.length != 2) return null;
            String q = p[1].endsWith(".mp4") ? p[1].substring(0, p[1].length() - 4) : p[1];
            return (a, rq, rs) -> files.serve(p[0], MediaFiles.keys(p[0]).mp4(MediaFiles.name(q)), "video/mp4", a, rq, rs);
        }
        String[] p = path.startsWith(VIDEOS) ? split(path, VIDEOS.length(), 4) : null;
        if (p == null || p.length < 3) return null;
        String id = p[0];
        if (p.length == 4) {
            return !p[1].equals("hls") ? null : (a, rq, rs) -> files.serve(id,
                    MediaFiles.keys(id).hlsDir(MediaFiles.name(p[2])) + MediaFiles.name(p[3]),
                    MediaFiles.contentType(p[3]), a, rq, rs);
        }
        String file = p[2];
        return switch (p[1]) {
            case "hls" -> !file.equals("master.m3u8") ? null
                    : (a, rq, rs) -> files.serve(id, MediaFiles.keys(id).master(), MediaFiles.contentType(file), a, rq, rs);
            case "mp4" -> (a, rq, rs) -> files.serve(id, MediaFiles.keys(id).mp4(MediaFiles.name(file)), "video/mp4",
                    a, rq, rs);
            case "thumbs" -> (a, rq, rs) -> files.serve(id, MediaFiles.keys(id).root() + "thumbs/" + MediaFiles.name(file),
                    MediaFiles.contentType(file), a, rq, rs);
            case "download" -> file.equals("original") ? (a, rq, rs) -> files.original(id, a, rq, rs)
                    : (a, rq, rs) -> files.download(id, file, a, rq, rs);
            default -> null;
        };
    }

    /** The path's segments after {@code from}, or null if there are more than {@code max} or an empty one. */
    private static String[] split(String path, int from, int max) {
        String[] p = path.substring(from).split("/", -1);
        if (p.length > max) return null;
        for (String s : p) if (s.isEmpty()) return null;
        return p;
    }

    /** The same problem+json answer as the JAX-RS mappers give, counted for the error metrics. */
    private void problem(HttpServletResponse response, Problem p) throws IOException {
        counters.problem(p.status(), p.code());
        if (response.isCommitted()) return; // the body was already under way: nothing left to tell the client
        // the challenge, Retry-After and the cross-origin headers already decided survive (a foreign player may read the error)
        java.util.Map<String, String> kept = new java.util.LinkedHashMap<>();
        for (String name : KEPT) if (response.getHeader(name) != null) kept.put(name, response.getHeader(name));
        response.reset();
        kept.forEach(response::setHeader);
        response.setStatus(p.status());
        response.setContentType(Problem.MEDIA_TYPE);
        byte[] body = p.toJson().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
