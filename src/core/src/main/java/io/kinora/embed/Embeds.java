package io.kinora.embed;

import io.kinora.catalog.application.Captions;
import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.VideoStatus;
import io.kinora.catalog.domain.Visibility;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.problem.ProblemException;
import io.kinora.security.application.AccountService;
import io.kinora.storage.ObjectStore;
import io.kinora.stream.UrlSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What an embed (the {@code /embed/{id}} player page, oEmbed, link previews) may show of a video. Embeds are
 * anonymous: public and unlisted videos, or any video with a signed share link ({@code ?exp=&sig=}); a private
 * video without one is refused exactly like an unknown one (404 {@code no-such-video}, its existence is not told).
 * A failed video is 409 {@code video-failed}, one with nothing published yet 409 {@code video-processing}.
 */
@ApplicationScoped
public class Embeds {
    public static final String EMBED_ORIGINS = "kinora.embed.origins";
    private static final Logger LOG = Logger.getLogger(Embeds.class.getName());
    private static final Pattern SOURCE = Pattern.compile("'self'|\\*|https?://(\\*\\.)?[A-Za-z0-9.\\-]+(:(\\d{1,5}|\\*))?|\\[[0-9a-fA-F:.]+\\]");

    @Inject VideoCatalog catalog;
    @Inject AccountService accounts;
    @Inject UrlSigner signer;
    @Inject Captions captions;
    @Inject ObjectStore store;

    /** A video an embed may show: its display size (aspect ratio), and the signed query its media needs, if any. */
    public record Target(String id, String title, String description, long ownerId, String ownerName,
                         Visibility visibility, VideoStatus status, int width, int height, Integer sourceWidth,
                         Integer sourceHeight, Long durationMillis, boolean poster, boolean storyboard,
                         List<String> captions, String signedQuery, Instant expiresAt) {
        public boolean playable() { return status == VideoStatus.READY || status == VideoStatus.COMPLETED; }
    }

    /** The embed page's video: refused (problem) unless it can play right now for whoever holds this URL. */
    public Target playable(String id, String exp, String sig) {
        Target t = target(id, exp, sig);
        if (t.status() == VideoStatus.FAILED) {
            throw ProblemException.conflict("video-failed", "this video could not be processed");
        }
        if (!t.playable()) throw ProblemException.conflict("video-processing", "this video is still being processed");
        return t;
    }

    /** The video for oEmbed and link previews: public or unlisted, not failed; no signed links. */
    public Optional<Target> described(String id) {
        try {
            Target t = target(id, null, null);
            return t.status() == VideoStatus.FAILED ? Optional.empty() : Optional.of(t);
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    Target target(String id, String exp, String sig) {
        try {
            new VideoKeys(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw notFound();
        }
        UrlSigner.Signature signature = null;
        if (exp != null || sig != null) {
            signer.verify(id, exp, sig);
            signature = new UrlSigner.Signature(Long.parseLong(exp), sig);
        }
        Video v = catalog.find(id).orElseThrow(Embeds::notFound);
        if (signature == null && v.visibility() == Visibility.PRIVATE) throw notFound();
        Optional<Rendition> largest = v.renditions().stream().filter(r -> r.status() == Rendition.Status.PUBLISHED)
                .max(Comparator.comparingInt(Rendition::height));
        Integer sw = v.source().width(), sh = v.source().height();
        int w = largest.map(Rendition::width).orElse(sw == null || sw <= 0 ? 16 : sw);
        int h = largest.map(Rendition::height).orElse(sh == null || sh <= 0 ? 9 : sh);
        String owner = accounts.usernames(List.of(v.ownerId())).getOrDefault(v.ownerId(), "");
        VideoKeys keys = new VideoKeys(id);
        return new Target(v.id(), v.title(), v.description(), v.ownerId(), owner, v.visibility(), v.status(), w, h, sw, sh,
                v.source().durationMillis(), exists(keys.poster()), v.status() == VideoStatus.COMPLETED && exists(keys.storyboardVtt()),
                languages(id), signature == null ? null : signature.query(), signature == null ? null : signature.expiresAt());
    }

    /**
     * The CSP {@code frame-ancestors} sources of the embed page, from {@code kinora.embed.origins}: unset or
     * {@code *} = any site may frame it; a comma-separated list of origins (wildcard hosts {@code https://*.example.com}
     * allowed) = those and Kinora itself; {@code none} = Kinora's own pages only. Read on every request.
     */
    public String frameAncestors() {
        String raw = ConfigProvider.getConfig().getOptionalValue(EMBED_ORIGINS, String.class).orElse("*").strip();
        if (raw.isEmpty() || raw.equals("*")) return "*";
        if (raw.equalsIgnoreCase("none")) return "'self'";
        List<String> sources = Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .filter(s -> {
                    boolean ok = SOURCE.matcher(s).matches();
                    if (!ok) LOG.warning(EMBED_ORIGINS + ": ignoring " + s + " (an origin is scheme://host[:port])");
                    return ok;
                }).filter(s -> !s.equals("'self'")).toList();
        if (sources.contains("*")) return "*";
        return sources.isEmpty() ? "'self'" : "'self' " + String.join(" ", sources);
    }

    private boolean exists(String key) {
        try {
            return store.exists(key);
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> languages(String id) {
        try {
            return captions.languages(id);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static ProblemException notFound() {
        return ProblemException.notFound("no-such-video", "this video does not exist or is private");
    }
}
