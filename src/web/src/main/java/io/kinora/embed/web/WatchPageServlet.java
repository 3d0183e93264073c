package io.kinora.embed.web;

import io.kinora.web.Html;
import io.kinora.embed.Embeds;
import io.kinora.embed.OEmbed;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code /watch/{id}}: the app (index.html, which shows the video), with what link previews and oEmbed consumers
 * read in its head: oEmbed discovery, Open Graph and Twitter player cards, a canonical link. Only for public and
 * unlisted videos; a private or unknown one gets the plain app, which tells the viewer itself.
 */
@WebServlet(urlPatterns = "/watch/*")
public class WatchPageServlet extends HttpServlet {
    @Inject Embeds embeds;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String page;
        try (InputStream in = getServletContext().getResourceAsStream("/index.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String id = Html.id(request);
        Optional<Embeds.Target> target = id == null ? Optional.empty() : embeds.described(id);
        if (target.isPresent()) {
            Embeds.Target t = target.get();
            page = page.replace("<title>Kinora</title>", "<title>" + Html.esc(t.title()) + " · Kinora</title>\n" + head(t, Html.root(request)));
        }
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "no-cache");
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static String head(Embeds.Target t, String root) {
        String watch = root + "watch/" + t.id();
        String embed = root + "embed/" + t.id();
        int[] box = OEmbed.fit(t.width(), t.height(), null, null);
        StringBuilder b = new StringBuilder();
        b.append("  <link rel=\"canonical\" href=\"").append(Html.esc(watch)).append("\">\n");
        b.append("  <link rel=\"alternate\" type=\"application/json+oembed\" href=\"").append(Html.esc(OEmbed.discovery(root, watch)))
                .append("\" title=\"").append(Html.esc(t.title())).append("\">\n");
        meta(b, "property", "og:site_name", "Kinora");
        meta(b, "property", "og:type", "video.other");
        meta(b, "property", "og:title", t.title());
        if (t.description() != null && !t.description().isBlank()) {
            meta(b, "property", "og:description", t.description());
            meta(b, "name", "description", t.description());
        }
        meta(b, "property", "og:url", watch);
        if (t.poster()) {
            String poster = root + "api/v1/videos/" + t.id() + "/thumbs/poster.jpg";
            meta(b, "property", "og:image", poster);
            meta(b, "name", "twitter:image", poster);
        }
        meta(b, "property", "og:video", embed);
        if (embed.startsWith("https:")) meta(b, "property", "og:video:secure_url", embed);
        meta(b, "property", "og:video:type", "text/html");
        meta(b, "property", "og:video:width", String.valueOf(box[0]));
        meta(b, "property", "og:video:height", String.valueOf(box[1]));
        meta(b, "name", "twitter:card", "player");
        meta(b, "name", "twitter:title", t.title());
        meta(b, "name", "twitter:player", embed);
        meta(b, "name", "twitter:player:width", String.valueOf(box[0]));
        meta(b, "name", "twitter:player:height", String.valueOf(box[1]));
        return b.toString();
    }

    private static void meta(StringBuilder b, String attr, String name, String content) {
        b.append("  <meta ").append(attr).append("=\"").append(name).append("\" content=\"").append(Html.esc(content)).append("\">\n");
    }
}
