package io.kinora.embed.web;

import io.kinora.web.Html;
import io.kinora.embed.EmbedOptions;
import io.kinora.embed.Embeds;
import io.kinora.ops.metrics.OpsCounters;
import io.kinora.problem.ProblemException;
import io.kinora.web.Problem;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /embed/{id}}: the player alone, for iframes on other sites (framing and the other security headers: {@link io.kinora.security.web.SecurityHeadersFilter}). Query:
 * {@code start}, {@code autoplay}, {@code muted}, {@code loop}, {@code captions} ({@link EmbedOptions}); a private
 * video plays with a share link's {@code exp} and {@code sig}. A video that cannot play gets a page with a message
 * (a client asking for JSON gets the problem+json), never a broken player; one still processing reloads itself.
 */
@WebServlet(urlPatterns = "/embed/*")
public class EmbedServlet extends HttpServlet {
    @Inject Embeds embeds;
    @Inject OpsCounters counters;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = Html.id(request);
        Embeds.Target t;
        EmbedOptions options;
        try {
            options = EmbedOptions.parse(request::getParameter);
            t = embeds.playable(id, request.getParameter("exp"), request.getParameter("sig"));
        } catch (ProblemException e) {
            refuse(request, response, Problem.of(e));
            return;
        }
        String root = Html.root(request);
        String media = "/api/v1/videos/" + t.id();
        JsonArrayBuilder captions = Json.createArrayBuilder();
        t.captions().forEach(captions::add);
        JsonObjectBuilder config = Json.createObjectBuilder()
                .add("id", t.id()).add("title", t.title()).add("width", t.width()).add("height", t.height())
                .add("master", media + "/hls/master.m3u8")
                .add("watch", t.signedQuery() == null ? root + "watch/" + t.id() : root + "#/s/" + t.id() + "?" + t.signedQuery())
                .add("captions", captions)
                .add("options", Json.createObjectBuilder().add("start", options.start()).add("autoplay", options.autoplay())
                        .add("muted", options.muted()).add("loop", options.loop())
                        .add("captions", options.captions() == null ? "" : options.captions()));
        if (t.signedQuery() != null) config.add("signed", t.signedQuery());
        if (t.poster()) config.add("poster", media + "/thumbs/poster.jpg");
        if (t.storyboard()) config.add("storyboard", media + "/thumbs/storyboard.vtt");
        String html = Html.embedPage("""
                  <title>%s · Kinora</title>
                  <script src="/vendor/hls.js/hls.min.js"></script>
                  <script type="module" src="/js/embed.js"></script>
                """.formatted(Html.esc(t.title())), """
                  <script type="application/json" id="embed-config">%s</script>
                  <div id="embed" data-video-id="%s"></div>
                """.formatted(Html.scriptJson(config.build().toString()), Html.esc(t.id())));
        response.setHeader("Cache-Control", t.signedQuery() == null ? "no-cache" : "private, no-store");
        write(response, 200, "text/html;charset=UTF-8", html);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Problem p) throws IOException {
        counters.problem(p.status(), p.code());
        response.setHeader("Cache-Control", "no-store");
        String accept = request.getHeader("Accept") == null ? "" : request.getHeader("Accept");
        if (accept.contains(Problem.MEDIA_TYPE) || accept.contains("application/json") && !accept.contains("text/html")) {
            write(response, p.status(), Problem.MEDIA_TYPE, p.toJson());
            return;
        }
        String message = switch (p.code()) {
            case "no-such-video" -> "This video does not exist or is private.";
            case "video-processing" -> "This video is still being processed. It will play here as soon as it is ready.";
            case "video-failed" -> "This video could not be processed.";
            case "link-expired" -> "This share link has expired. Ask the owner for a new one.";
            case "bad-signature" -> "This share link is not valid.";
            default -> p.detail();
        };
        boolean processing = p.code().equals("video-processing");
        if (processing) response.setHeader("Retry-After", "10");
        String html = Html.embedPage((processing ? "  <meta http-equiv=\"refresh\" content=\"10\">\n" : "")
                + "  <title>Kinora</title>\n", """
                  <div id="embed-message" class="message" role="alert" data-code="%s">
                    <p>%s</p>
                    <p><a href="%s" target="_blank" rel="noopener">Kinora</a></p>
                  </div>
                """.formatted(Html.esc(p.code()), Html.esc(message), Html.esc(Html.root(request))));
        write(response, p.status(), "text/html;charset=UTF-8", html);
    }

    private static void write(HttpServletResponse response, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
