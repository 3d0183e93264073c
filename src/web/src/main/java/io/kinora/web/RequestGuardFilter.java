package io.kinora.web;

import io.kinora.ops.metrics.OpsCounters;
import io.kinora.problem.RequestContentType;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every API request body must pass before anything reads it (issue 19):
 * <ul>
 *   <li>a Content-Type that is not a media type is 400 {@code malformed-content-type} (RESTEasy answered it with the
 *       container's HTML page);</li>
 *   <li>a JSON or form body (parsed whole) larger than {@code kinora.http.max-json-bytes} is 413
 *       {@code body-too-large}: by its Content-Length before reading a byte, or, sent chunked, as soon as the limit
 *       is passed ({@link BodyTooLarge}, mapped to the same problem). 1 MiB by default: the largest legitimate body,
 *       completing a direct upload of 10 000 parts, is about 700 KB; every other one is under a few KB.</li>
 * </ul>
 * Uploads (video bytes, tus PATCH, multipart, captions) are not parsed whole: they stay streaming, bounded by their
 * declared length and {@code kinora.upload.max-bytes}.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class RequestGuardFilter extends HttpFilter {
    @Inject OpsCounters counters;

    @Inject @ConfigProperty(name = "kinora.http.max-json-bytes", defaultValue = "1048576")
    long maxJsonBytes;

    /** Thrown by the body stream when a chunked JSON body passes the limit. */
    public static final class BodyTooLarge extends IOException {
        public BodyTooLarge(long limit) { super("request body larger than " + limit + " bytes"); }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // tus clients expect Tus-Resumable on every answer of the tus endpoint, errors the framework answers included
        if (path.startsWith("/api/v1/uploads")) response.setHeader("Tus-Resumable", "1.0.0");
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            chain.doFilter(request, response);
            return;
        }
        String contentType = request.getHeader("Content-Type");
        if (!RequestContentType.wellFormed(contentType)) {
            problem(response, Problem.of(400, "malformed-content-type", "Content-Type is not a media type (type/subtype; name=value)"));
            return;
        }
        if (RequestContentType.parsedWhole(contentType)) {
            long declared = request.getContentLengthLong();
            if (declared > maxJsonBytes) {
                response.setHeader("Connection", "close"); // the unread body is not drained
                problem(response, tooLarge());
                return;
            }
            if (declared < 0) {
                chain.doFilter(new Bounded(request, maxJsonBytes), response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private Problem tooLarge() {
        return Problem.of(413, "body-too-large", "JSON and form bodies are limited to " + maxJsonBytes + " bytes");
    }

    private void problem(HttpServletResponse response, Problem p) throws IOException {
        counters.problem(p.status(), p.code());
        response.setStatus(p.status());
        response.setContentType(Problem.MEDIA_TYPE);
        byte[] body = p.toJson().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A request whose body stream fails with {@link BodyTooLarge} past the limit. */
    static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new Counting(super.getInputStream(), limit);
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String cs = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), cs));
        }
    }

    static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private int counted(int n) throws IOException {
            if (n > 0) {
                count += n;
                if (count > limit) throw new BodyTooLarge(limit);
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) counted(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return counted(in.read(b, off, len));
        }

        @Override
        public boolean isFinished() { return in.isFinished(); }

        @Override
        public boolean isReady() { return in.isReady(); }

        @Override
        public void setReadListener(ReadListener listener) { in.setReadListener(listener); }
    }
}
