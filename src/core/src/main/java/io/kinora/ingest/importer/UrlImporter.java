package io.kinora.ingest.importer;

import io.kinora.encode.application.Profiles;
import io.kinora.ingest.application.IngestService;
import io.kinora.ingest.application.UploadLimits;
import io.kinora.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Import by URL: fetches an http(s) URL into a spool file and hands it to {@link IngestService#acceptFile}, which
 * validates it like any upload. Every hop is checked by {@link UrlPolicy} before connecting; redirects are
 * followed by hand (the client never follows them) up to {@code kinora.import.max-redirects}; a declared
 * Content-Length above the cap is refused before any body byte is read and the streamed count is enforced
 * too; connect and read (idle) timeouts apply. Whatever happens, the spool file is deleted.
 *
 * <p>See {@link UrlPolicy#admit} for the DNS-rebinding limit of check-then-connect.
 */
@ApplicationScoped
public class UrlImporter {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    @Inject IngestService ingest;
    @Inject UploadLimits limits;

    @Inject @ConfigProperty(name = "kinora.import.max-redirects", defaultValue = "3")
    int maxRedirects;

    @Inject @ConfigProperty(name = "kinora.import.connect-timeout", defaultValue = "PT10S")
    Duration connectTimeout;

    @Inject @ConfigProperty(name = "kinora.import.read-timeout", defaultValue = "PT30S")
    Duration readTimeout;

    @Inject @ConfigProperty(name = "kinora.data.dir", defaultValue = "./kinora-data")
    String dataDir;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER) // each hop goes through the policy here
                .proxy(HttpClient.Builder.NO_PROXY)         // connect to the host that was checked, not a proxy
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Imports the URL for the request's owner; the request's filename, when null, comes from the URL path. */
    public IngestService.Accepted importUrl(IngestService.Request request, String url) throws IOException {
        URI uri = UrlPolicy.parse(url);
        if (request.profile() != null && Profiles.byName(request.profile()).isEmpty()) {
            throw ProblemException.badRequest("unknown-profile", "no encoding profile named " + request.profile());
        }
        UrlPolicy policy = UrlPolicy.current();
        long max = limits.maxBytes();
        Path spool = spoolDir().resolve("import-" + UUID.randomUUID());
        try {
            for (int redirects = 0; ; redirects++) {
                policy.admit(uri); // before every connection, including after a redirect
                SpoolingHandler hop = new SpoolingHandler(spool, max);
                String sha256 = fetch(uri, hop);
                if (REDIRECTS.contains(hop.status)) {
                    if (redirects >= maxRedirects) {
                        throw new ProblemException(ProblemException.Kind.UPSTREAM_FAILED, "import-too-many-redirects",
                                "more than " + maxRedirects + " redirects, starting at " + url);
                    }
                    uri = next(uri, hop.headers);
                    continue;
                }
                if (hop.status / 100 != 2) {
                    throw new ProblemException(ProblemException.Kind.UPSTREAM_FAILED, "import-http-error", uri.getHost() + " answered HTTP " + hop.status);
                }
                String filename = request.filename() != null ? request.filename() : filename(uri);
                return ingest.acceptFile(new IngestService.Request(request.ownerId(), filename, request.title(),
                        request.visibility(), request.profile(), request.priority()), spool, sha256);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static URI next(URI current, HttpHeaders headers) {
        String location = headers.firstValue("Location").orElseThrow(() ->
                new ProblemException(ProblemException.Kind.UPSTREAM_FAILED, "import-http-error", "a redirect without a Location header"));
        URI target;
        try {
            target = current.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ProblemException(ProblemException.Kind.UPSTREAM_FAILED, "import-http-error", "a redirect to an invalid URL");
        }
        return UrlPolicy.parse(target.toString()); // a redirect to ftp:, file:, magnet: ... is refused like the URL
    }

    private static String filename(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? uri.getHost() : last;
    }

    /** One request; returns the body's SHA-256 when it was spooled (2xx), else null. */
    private String fetch(URI uri, SpoolingHandler hop) throws IOException {
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(uri).GET().timeout(readTimeout) // until the response headers
                    .header("User-Agent", "Kinora").header("Accept", "*/*").build();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("import-invalid-url", "cannot request " + uri + ": " + e.getMessage());
        }
        CompletableFuture<HttpResponse<String>> f = client.sendAsync(req, hop);
        long idleLimit = readTimeout.toNanos();
        try {
            while (true) {
                try {
                    String sha = f.get(250, TimeUnit.MILLISECONDS).body();
                    if (hop.refusal != null) throw hop.refusal;
                    return sha;
                } catch (TimeoutException e) {
                    SpoolSubscriber body = hop.body;
                    if (body != null && body.idleNanos() > idleLimit) { // the read timeout: no data for too long
                        body.fail(new ProblemException(ProblemException.Kind.UPSTREAM_TIMEOUT, "import-unreachable", "no data from " + uri.getHost()
                                + " for " + readTimeout.toSeconds() + " s"));
                    }
                }
            }
        } catch (ExecutionException e) {
            if (hop.refusal != null) throw hop.refusal;
            throw translate(e.getCause(), uri);
        } catch (CancellationException e) {
            throw new ProblemException(ProblemException.Kind.UPSTREAM_TIMEOUT, "import-unreachable", "the download from " + uri.getHost() + " was cancelled");
        } catch (InterruptedException e) {
            f.cancel(true);
            SpoolSubscriber body = hop.body;
            if (body != null) body.fail(e);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("import interrupted");
        }
    }

    private static ProblemException translate(Throwable t, URI uri) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ProblemException p) return p;
        }
        String host = uri.getHost();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) return new ProblemException(ProblemException.Kind.UPSTREAM_TIMEOUT, "import-unreachable", "connecting to " + host + " timed out");
            if (c instanceof HttpTimeoutException) return new ProblemException(ProblemException.Kind.UPSTREAM_TIMEOUT, "import-unreachable", host + " did not answer in time");
            if (c instanceof ConnectException) return new ProblemException(ProblemException.Kind.UPSTREAM_FAILED, "import-unreachable", "cannot connect to " + host);
            if (c instanceof SSLException) return new ProblemException(ProblemException.Kind.UPSTREAM_FAILED, "import-unreachable", "TLS with " + host + " failed: " + c.getMessage());
        }
        return new ProblemException(ProblemException.Kind.UPSTREAM_FAILED, "import-unreachable", "fetching from " + host + " failed: " + t);
    }

    private Path spoolDir() throws IOException {
        return Files.createDirectories(Path.of(dataDir).toAbsolutePath().resolve("uploads").resolve("spool"));
    }

    /**
     * Decides, from status and headers, what to do with one response's body: spool it (2xx within the cap) or
     * drop the connection without reading it (redirects, errors, a declared Content-Length above the cap).
     */
    private static final class SpoolingHandler implements HttpResponse.BodyHandler<String> {
        private final Path spool;
        private final long max;
        volatile int status;
        volatile HttpHeaders headers;
        volatile SpoolSubscriber body;
        volatile ProblemException refusal;

        SpoolingHandler(Path spool, long max) {
            this.spool = spool;
            this.max = max;
        }

        @Override
        public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
            status = info.statusCode();
            headers = info.headers();
            if (status / 100 != 2) return new DiscardedBody();
            long declared;
            try {
                declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            } catch (NumberFormatException e) {
                declared = -1; // the client rejects a malformed length itself
            }
            if (declared > max) {
                refusal = new ProblemException(ProblemException.Kind.TOO_LARGE, "import-too-large",
                        "the server announces " + declared + " bytes; the limit is " + max);
                return new DiscardedBody();
            }
            SpoolSubscriber s = new SpoolSubscriber(spool, max);
            body = s;
            return s;
        }
    }

    /** A body that is never read: cancelling the subscription closes the connection. */
    private static final class DiscardedBody implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> done = new CompletableFuture<>();

        @Override public void onSubscribe(Flow.Subscription s) {
            s.cancel();
            done.complete(null);
        }

        @Override public void onNext(List<ByteBuffer> item) { }

        @Override public void onError(Throwable t) { done.complete(null); }

        @Override public void onComplete() { done.complete(null); }

        @Override public CompletionStage<String> getBody() { return done; }
    }
}
