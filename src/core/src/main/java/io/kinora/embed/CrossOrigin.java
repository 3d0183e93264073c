package io.kinora.embed;

import io.kinora.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Who may use Kinora from another origin (CORS), decided in one place for media, oEmbed and the API.
 *
 * <p>{@code kinora.cors.origins}: unset = media and oEmbed answer any origin with {@code *} (no credentials; the
 * answer does not depend on the Origin, so caches need no {@code Vary}), the API answers no foreign origin;
 * {@code *} = the same, and the API also answers {@code *} (never with credentials); a comma-separated list of
 * origins ({@code https://blog.example, http://localhost:3000}) = media, oEmbed and the API answer exactly those
 * (echoing the origin, {@code Vary: Origin}), the API and private media with credentials; {@code none} = no
 * cross-origin answers at all. Read on every request, so it can be changed at runtime (system property).
 *
 * <p>Media of a private video (no signed link) never gets a permissive header: only an origin listed by name may
 * read it, with the caller's own credentials.
 */
@ApplicationScoped
public class CrossOrigin {
    public static final String ORIGINS = "kinora.cors.origins";
    private static final Logger LOG = Logger.getLogger(CrossOrigin.class.getName());
    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.\\-]+(:\\d{1,5})?|https?://\\[[0-9a-f:.]+\\](:\\d{1,5})?");

    /** Request headers a media preflight may ask for (conditional and range requests). */
    public static final Set<String> MEDIA_REQUEST_HEADERS =
            Set.of("range", "if-range", "if-none-match", "if-modified-since", "if-match", "if-unmodified-since");
    /** Response headers a foreign page may read from media answers (beyond the CORS-safelisted ones). */
    public static final String MEDIA_EXPOSED = "Content-Range, Content-Length, Accept-Ranges, ETag, Last-Modified, Content-Disposition";
    /** Response headers a listed origin may read from API answers. */
    public static final String API_EXPOSED = "Location, Link, ETag, Retry-After, WWW-Authenticate, X-Total-Count, "
            + "X-Total-Count-Capped, X-Kinora-Duplicate, Upload-Offset, Upload-Length, Upload-Expires, Tus-Resumable, "
            + "Tus-Version, Tus-Extension, Tus-Max-Size";
    public static final String API_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    /**
     * What to put in an answer: {@code allowOrigin} null = no Access-Control-Allow-Origin (the browser refuses);
     * {@code vary}: the answer depends on the request's Origin.
     */
    public record Answer(String allowOrigin, boolean credentials, boolean vary) {
        static final Answer NONE = new Answer(null, false, false);
        static final Answer ANY = new Answer("*", false, false);
        public boolean allowed() { return allowOrigin != null; }
    }

    /** The parsed setting: any (media *), api any (explicit *), the listed origins, or nothing. */
    record Setting(boolean any, boolean apiAny, List<String> listed) {
        boolean lists(String origin) { return origin != null && listed.contains(normalize(origin)); }
    }

    private volatile String lastRaw = "\0";
    private volatile Setting last;

    Setting setting() {
        String raw = ConfigProvider.getConfig().getOptionalValue(ORIGINS, String.class).orElse("").strip();
        Setting s = last;
        if (s != null && raw.equals(lastRaw)) return s;
        s = parse(raw);
        last = s;
        lastRaw = raw;
        return s;
    }

    static Setting parse(String raw) {
        if (raw.isEmpty()) return new Setting(true, false, List.of());
        if (raw.equalsIgnoreCase("none")) return new Setting(false, false, List.of());
        if (raw.equals("*")) return new Setting(true, true, List.of());
        List<String> origins = Arrays.stream(raw.split(",")).map(String::strip).filter(o -> !o.isEmpty())
                .map(CrossOrigin::normalize).filter(o -> {
                    boolean ok = ORIGIN.matcher(o).matches();
                    if (!ok) LOG.warning(ORIGINS + ": ignoring " + o + " (an origin is scheme://host[:port])");
                    return ok;
                }).toList();
        return new Setting(false, false, origins);
    }

    static String normalize(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    /** Media anyone with the link may watch (public, unlisted, or presented with a signed link), and oEmbed. */
    public Answer openMedia(String origin) {
        Setting s = setting();
        if (s.any()) return Answer.ANY;
        return s.lists(origin) ? new Answer(origin, false, true) : new Answer(null, false, !s.listed().isEmpty());
    }

    /** Media only the caller's own credentials open (private video): a listed origin or nobody. */
    public Answer privateMedia(String origin) {
        Setting s = setting();
        if (s.listed().isEmpty()) return Answer.NONE;
        return s.lists(origin) ? new Answer(origin, true, true) : new Answer(null, false, true);
    }

    /** The REST API: listed origins (with credentials), {@code *} when so configured (never credentials), else nobody. */
    public Answer api(String origin) {
        Setting s = setting();
        if (s.apiAny()) return Answer.ANY;
        if (s.listed().isEmpty()) return Answer.NONE;
        return s.lists(origin) ? new Answer(origin, true, true) : new Answer(null, false, true);
    }

    /** A media preflight (OPTIONS with Access-Control-Request-Method): refused with 403 unless it may go ahead. */
    public Answer mediaPreflight(String origin, String method, String requestHeaders) {
        Answer a = openMedia(origin);
        Answer listed = privateMedia(origin);
        if (listed.allowed()) a = listed;
        if (!a.allowed()) throw refused(origin);
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            throw ProblemException.forbidden("cors-method-not-allowed", "media answers GET and HEAD only, not " + method);
        }
        for (String h : headers(requestHeaders)) {
            if (!MEDIA_REQUEST_HEADERS.contains(h) && !(listed.allowed() && h.equals("authorization"))) {
                throw ProblemException.forbidden("cors-header-not-allowed", "media requests may not send " + h);
            }
        }
        return a;
    }

    /** An API preflight: the origin must be allowed for the API; methods and headers of an allowed origin go through. */
    public Answer apiPreflight(String origin) {
        Answer a = api(origin);
        if (!a.allowed()) throw refused(origin);
        return a;
    }

    /** The lower-cased names of an Access-Control-Request-Headers value. */
    public static List<String> headers(String requestHeaders) {
        if (requestHeaders == null || requestHeaders.isBlank()) return List.of();
        return Arrays.stream(requestHeaders.split(",")).map(x -> x.strip().toLowerCase(Locale.ROOT))
                .filter(x -> !x.isEmpty()).toList();
    }

    private static ProblemException refused(String origin) {
        return ProblemException.forbidden("cors-origin-not-allowed", "origin " + origin + " may not call this from a browser"
                + " (kinora.cors.origins)");
    }
}
