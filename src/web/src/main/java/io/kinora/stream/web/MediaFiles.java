package io.kinora.stream.web;

import io.kinora.catalog.application.VideoAccess;
import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.Visibility;
import io.kinora.encode.application.VideoKeys;
import io.kinora.problem.ProblemException;
import io.kinora.security.application.Caller;
import io.kinora.storage.ObjectInfo;
import io.kinora.storage.ObjectStore;
import io.kinora.stream.UrlSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serving a video's stored files, shared by the Kinora and the StreamForge paths: who may read (session or
 * signed link), cache headers, playlist rewriting for signed links, download names.
 */
@ApplicationScoped
public class MediaFiles {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,100}");
    private static final Pattern URI_ATTR = Pattern.compile("URI=\"([^\"]*)\"");

    @Inject ObjectStore store;
    @Inject VideoAccess access;
    @Inject VideoCatalog catalog;
    @Inject UrlSigner signer;

    /** Who asked and how: a signed link grants what the owner granted, whoever presents it. */
    public record Grant(Video video, UrlSigner.Signature signature) { }

    public record Options(boolean head, boolean nocache, String downloadName) { }

    public Grant authorize(String id, Caller caller, String exp, String sig) {
        keys(id);
        if (exp == null && sig == null) return new Grant(access.viewable(id, caller), null);
        signer.verify(id, exp, sig);
        Video v = catalog.find(id).orElseThrow(() -> ProblemException.notFound("no-such-video", "no such video"));
        return new Grant(v, new UrlSigner.Signature(Long.parseLong(exp), sig));
    }

    public Response serve(Grant g, String key, String contentType, Request request, HttpHeaders headers, Options o)
            throws IOException {
        ObjectInfo info = store.stat(key).orElseThrow(() -> ProblemException.notFound("no-such-file", "not available"));
        String cache = cacheControl(g, key, o.nocache());
        if (g.signature() != null && key.endsWith(".m3u8")) {
            // the playlist's references must carry the signature too, or a player stops at the first segment
            String text;
            try (InputStream in = store.get(key)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String body = signReferences(text, g.signature().query());
            return Response.ok(o.head() ? null : body, contentType).header("Cache-Control", cache).build();
        }
        Response r = RangeResponder.respond(store, info, contentType, request, headers, cache, o.head());
        if (o.downloadName() == null) return r;
        return Response.fromResponse(r).header("Content-Disposition", attachment(o.downloadName())).build();
    }

    /**
     * CDN-friendly: published media never changes under its key (immutable), playlists can still grow (short),
     * private or signed content never lands in a shared cache, ?nocache=1 asks every cache to step aside.
     */
    static String cacheControl(Grant g, String key, boolean nocache) {
        if (nocache) return "no-store";
        if (g.signature() != null || g.video().visibility() == Visibility.PRIVATE) {
            return key.endsWith(".m3u8") ? "private, no-cache" : "private, max-age=3600";
        }
        return key.endsWith(".m3u8") ? "public, max-age=10" : "public, max-age=31536000, immutable";
    }

    static String signReferences(String playlist, String query) {
        StringBuilder out = new StringBuilder();
        for (String line : playlist.split("\n", -1)) {
            String l = line.strip();
            if (l.isEmpty()) out.append(line);
            else if (!l.startsWith("#")) out.append(withQuery(l, query));
            else {
                Matcher m = URI_ATTR.matcher(line);
                out.append(m.replaceAll(r -> Matcher.quoteReplacement("URI=\"" + withQuery(r.group(1), query) + "\"")));
            }
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String withQuery(String uri, String query) {
        return uri + (uri.contains("?") ? "&" : "?") + query;
    }

    static String attachment(String name) {
        String ascii = name.replaceAll("[^A-Za-z0-9._ -]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static VideoKeys keys(String id) {
        try {
            return new VideoKeys(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no-such-video", "no such video");
        }
    }

    public static String name(String s) {
        if (!NAME.matcher(s).matches() || s.contains("..")) throw ProblemException.notFound("no-such-file", "not available");
        return s;
    }

    static String contentType(String file) {
        if (file.endsWith(".m3u8")) return "application/vnd.apple.mpegurl";
        if (file.endsWith(".m4s")) return "video/iso.segment";
        if (file.endsWith(".mp4")) return "video/mp4";
        if (file.endsWith(".jpg")) return "image/jpeg";
        if (file.endsWith(".vtt")) return "text/vtt";
        return "application/octet-stream";
    }
}
