package io.kinora.stream.web;

import io.kinora.catalog.application.VideoAccess;
import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.domain.PlaybackRule;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.Visibility;
import io.kinora.embed.CrossOrigin;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.problem.ProblemException;
import io.kinora.security.application.Caller;
import io.kinora.stream.MediaObjects;
import io.kinora.stream.UrlSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serving a video's stored files, for every media path (see {@link MediaFilter}): who may read (session, bearer
 * token or signed link), cache headers, playlist rewriting for signed links, download names. The access decision
 * comes from the cached {@link PlaybackRule}; only downloads load the video itself.
 */
@ApplicationScoped
public class MediaFiles {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,100}");
    private static final Pattern URI_ATTR = Pattern.compile("URI=\"([^\"]*)\"");

    @Inject MediaObjects store;
    @Inject VideoAccess access;
    @Inject VideoCatalog catalog;
    @Inject UrlSigner signer;
    @Inject CrossOrigin crossOrigin;

    /** Who asked and how: a signed link grants what the owner granted, whoever presents it. */
    public record Grant(PlaybackRule rule, UrlSigner.Signature signature) { }

    /** One request: the caller, the link's signature if any, HEAD, ?nocache=1. */
    public record MediaRequest(Caller caller, String exp, String sig, boolean head, boolean nocache) { }

    public Grant authorize(String id, MediaRequest ask) {
        keys(id);
        if (ask.exp() == null && ask.sig() == null) return new Grant(access.watchable(id, ask.caller()), null);
        signer.verify(id, ask.exp(), ask.sig());
        return new Grant(access.existing(id), new UrlSigner.Signature(Long.parseLong(ask.exp()), ask.sig()));
    }

    /** A published file of the video (playlist, segment, progressive MP4, thumbnail). */
    public void serve(String id, String key, String contentType, MediaRequest ask, HttpServletRequest request,
                      HttpServletResponse response) throws IOException {
        Grant g = authorize(id, ask);
        cors(g, false, request, response);
        send(g, key, contentType, ask.head(), cacheControl(g, key, ask.nocache()), request, response);
    }

    /** The progressive MP4 of a published rendition as an attachment named after the video. */
    public void download(String id, String rendition, MediaRequest ask, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Grant g = authorize(id, ask);
        cors(g, false, request, response);
        String r = name(rendition);
        Video v = catalog.require(id);
        boolean published = v.renditions().stream()
                .anyMatch(x -> x.name().equals(r) && x.status() == Rendition.Status.PUBLISHED);
        if (!published) throw ProblemException.notFound("no-such-rendition", "no published rendition " + r);
        response.setHeader("Content-Disposition", attachment(v.title() + "-" + r + ".mp4"));
        String key = keys(id).mp4(r);
        send(g, key, "video/mp4", ask.head(), cacheControl(g, key, ask.nocache()), request, response);
    }

    /** The uploaded file as it came, for its owner or an admin only (it may hold metadata the renditions do not). */
    public void original(String id, MediaRequest ask, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Grant g = authorize(id, new MediaRequest(ask.caller(), null, null, ask.head(), true));
        if (!ask.caller().mayManage(g.rule().ownerId())) {
            throw ProblemException.forbidden("not-owner", "only the owner or an admin may download the original");
        }
        cors(g, true, request, response);
        Video v = catalog.require(id);
        if (v.sourceKey() == null) throw ProblemException.notFound("original-deleted", "the original is no longer kept");
        response.setHeader("Content-Disposition", attachment(v.originalFilename() == null ? v.id() : v.originalFilename()));
        send(g, v.sourceKey(), "application/octet-stream", ask.head(), "no-store", request, response);
    }

    /**
     * Cross-origin headers once access is decided: media anyone with the link may watch (public, unlisted, signed
     * link) is open to the configured origins ({@code *} by default); a private video's media, read with the
     * caller's own credentials, only to an origin listed by name (see {@link CrossOrigin}).
     */
    void cors(Grant g, boolean ownerOnly, HttpServletRequest request, HttpServletResponse response) {
        boolean open = !ownerOnly && (g.signature() != null || g.rule().visibility() != Visibility.PRIVATE);
        String origin = request.getHeader("Origin");
        CrossOrigin.Answer a = open ? crossOrigin.openMedia(origin) : crossOrigin.privateMedia(origin);
        if (a.vary()) response.addHeader("Vary", "Origin");
        if (!a.allowed()) return;
        response.setHeader("Access-Control-Allow-Origin", a.allowOrigin());
        if (a.credentials()) response.setHeader("Access-Control-Allow-Credentials", "true");
        response.setHeader("Access-Control-Expose-Headers", CrossOrigin.MEDIA_EXPOSED);
    }

    private void send(Grant g, String key, String contentType, boolean head, String cacheControl,
                      HttpServletRequest request, HttpServletResponse response) throws IOException {
        MediaObjects.Media info = store.require(key);
        if (g.signature() != null && key.endsWith(".m3u8")) {
            // the playlist's references must carry the signature too, or a player stops at the first segment
            String text = store.text(key);
            byte[] body = signReferences(text, g.signature().query()).getBytes(StandardCharsets.UTF_8);
            response.setContentType(contentType);
            response.setHeader("Cache-Control", cacheControl);
            response.setContentLength(body.length);
            if (!head) response.getOutputStream().write(body);
            return;
        }
        RangeResponder.respond(store, info, contentType, request, response, cacheControl, head);
    }

    /**
     * CDN-friendly: published media never changes under its key (immutable), playlists can still grow (short),
     * private or signed content never lands in a shared cache, ?nocache=1 asks every cache to step aside.
     */
    static String cacheControl(Grant g, String key, boolean nocache) {
        if (nocache) return "no-store";
        if (g.signature() != null || g.rule().visibility() == Visibility.PRIVATE) {
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
