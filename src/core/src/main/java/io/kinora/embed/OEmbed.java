package io.kinora.embed;

import io.kinora.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * oEmbed 1.0 (https://oembed.com) for Kinora's watch and embed URLs: type {@code video} with the iframe of
 * {@code /embed/{id}}. URLs: {@code <kinora>/watch/{id}}, {@code <kinora>/#/watch/{id}}, {@code <kinora>/embed/{id}}
 * (a {@code start} in their query is carried into the iframe). Only public and unlisted videos are described; an
 * unknown, private or failed one, or a URL that is not a Kinora video's, is 404. JSON only: {@code format=xml}
 * (or anything else) is 501, as the spec says.
 *
 * <p>Size: 640 wide for landscape and square videos, 640 high for portrait ones, shrunk (never stretched) to fit
 * {@code maxwidth} and {@code maxheight}, keeping the video's aspect ratio. The thumbnail is the poster (1280 wide)
 * or, when that is larger than the maximum size, the first 320-wide thumbnail; none when neither fits.
 */
@ApplicationScoped
public class OEmbed {
    public static final int DEFAULT_LONG_SIDE = 640;
    private static final Pattern PATH = Pattern.compile("/(?:watch|embed)/([0-9a-fA-F-]{36})/?");
    private static final Pattern FRAGMENT = Pattern.compile("/?watch/([0-9a-fA-F-]{36})(?:\\?.*)?");
    private static final Pattern START = Pattern.compile("(?:^|&)(?:start|t)=([^&]*)");

    @Inject Embeds embeds;

    /** The answer as a JSON object, fields in spec order; optional fields are left out, never null. */
    public Map<String, Object> describe(String url, String maxWidth, String maxHeight, String format, String base) {
        if (format != null && !format.isBlank() && !format.strip().equalsIgnoreCase("json")) {
            throw new ProblemException(ProblemException.Kind.NOT_IMPLEMENTED, "oembed-format-not-supported", "only format=json is answered, not " + format);
        }
        if (url == null || url.isBlank()) throw ProblemException.badRequest("oembed-url-required", "url is required");
        Integer mw = size("maxwidth", maxWidth), mh = size("maxheight", maxHeight);
        Link link = link(url);
        Embeds.Target t = embeds.described(link.id()).orElseThrow(() ->
                ProblemException.notFound("no-such-video", "no public or unlisted video at " + url));
        int[] box = fit(t.width(), t.height(), mw, mh);
        String src = base + "embed/" + t.id() + (link.start() > 0 ? "?start=" + seconds(link.start()) : "");
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", "video");
        o.put("version", "1.0");
        o.put("title", t.title());
        if (!t.ownerName().isEmpty()) {
            o.put("author_name", t.ownerName());
            o.put("author_url", base + "#/?owner=" + t.ownerId());
        }
        o.put("provider_name", "Kinora");
        o.put("provider_url", base);
        o.put("cache_age", 3600);
        if (t.poster()) {
            int sw = t.sourceWidth() == null || t.sourceWidth() <= 0 ? t.width() : t.sourceWidth();
            int sh = t.sourceHeight() == null || t.sourceHeight() <= 0 ? t.height() : t.sourceHeight();
            String thumbs = base + "api/v1/videos/" + t.id() + "/thumbs/";
            for (var pic : new Object[][] {{"poster.jpg", 1280}, {"thumb-0.jpg", 320}}) {
                int w = (int) pic[1];
                int h = scaledEvenHeight(w, sw, sh);
                if ((mw == null || w <= mw) && (mh == null || h <= mh)) {
                    o.put("thumbnail_url", thumbs + pic[0]);
                    o.put("thumbnail_width", w);
                    o.put("thumbnail_height", h);
                    break;
                }
            }
        }
        o.put("html", "<iframe src=\"" + attr(src) + "\" width=\"" + box[0] + "\" height=\"" + box[1] + "\" title=\""
                + attr(t.title()) + "\" frameborder=\"0\" allow=\"autoplay; fullscreen; picture-in-picture\" allowfullscreen></iframe>");
        o.put("width", box[0]);
        o.put("height", box[1]);
        return o;
    }

    /** The discovery URL of a watch page's oEmbed answer. */
    public static String discovery(String base, String watchUrl) {
        return base + "api/v1/oembed?url=" + URLEncoder.encode(watchUrl, StandardCharsets.UTF_8) + "&format=json";
    }

    record Link(String id, double start) { }

    static Link link(String url) {
        URI u;
        try {
            u = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw notEmbeddable(url);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getRawPath() == null) throw notEmbeddable(url);
        Matcher m = PATH.matcher(u.getRawPath());
        String id;
        String query = u.getRawQuery();
        if (m.matches()) {
            id = m.group(1);
        } else if ((u.getRawPath().isEmpty() || u.getRawPath().equals("/")) && u.getRawFragment() != null
                && (m = FRAGMENT.matcher(u.getRawFragment())).matches()) {
            id = m.group(1);
            int q = u.getRawFragment().indexOf('?');
            if (q >= 0) query = u.getRawFragment().substring(q + 1);
        } else {
            throw notEmbeddable(url);
        }
        double start = 0;
        Matcher s = query == null ? null : START.matcher(query);
        if (s != null && s.find()) {
            try {
                start = EmbedOptions.start(java.net.URLDecoder.decode(s.group(1), StandardCharsets.UTF_8));
            } catch (ProblemException | IllegalArgumentException e) {
                start = 0; // a start the player would refuse is left out rather than failing the whole answer
            }
        }
        return new Link(id.toLowerCase(Locale.ROOT), start);
    }

    /** The largest box of the video's aspect ratio within the default size and the consumer's maximum. */
    public static int[] fit(int width, int height, Integer maxWidth, Integer maxHeight) {
        double ar = width > 0 && height > 0 ? (double) width / height : 16.0 / 9;
        double w, h;
        if (ar >= 1) {
            w = DEFAULT_LONG_SIDE;
            h = w / ar;
        } else {
            h = DEFAULT_LONG_SIDE;
            w = h * ar;
        }
        if (maxWidth != null && w > maxWidth) {
            w = maxWidth;
            h = w / ar;
        }
        if (maxHeight != null && h > maxHeight) {
            h = maxHeight;
            w = h * ar;
        }
        int iw = (int) Math.floor(w + 1e-9), ih = (int) Math.floor(h + 1e-9);
        return new int[] {Math.max(1, iw), Math.max(1, ih)};
    }

    /** FFmpeg's {@code scale=W:-2}: the height for width W, rounded to an even number. */
    static int scaledEvenHeight(int w, int sw, int sh) {
        return (int) Math.max(2, Math.round((double) w * sh / sw / 2) * 2);
    }

    private static Integer size(String name, String v) {
        if (v == null || v.isBlank()) return null;
        try {
            int n = Integer.parseInt(v.strip());
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw ProblemException.badRequest("invalid-oembed-size", name + " must be a positive whole number of pixels, not " + v);
    }

    private static String seconds(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.3f", s);
    }

    static String attr(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static ProblemException notEmbeddable(String url) {
        return ProblemException.notFound("not-embeddable", "not the address of a Kinora video: " + url);
    }
}
