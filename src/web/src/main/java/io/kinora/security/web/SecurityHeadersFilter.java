package io.kinora.security.web;

import io.kinora.embed.Embeds;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The browser-side defences of every answer (pages, error pages, API, media). The pages keep bearer tokens in web
 * storage, so an injected script would own the account: the Content-Security-Policy lets scripts come only from
 * Kinora's own files (no inline script, no eval), styles only from its style sheets. hls.js needs {@code blob:} for
 * its worker and for the media source it plays; thumbnails fetched with a token are {@code blob:} images.
 * Clickjacking: nothing may be framed by another site ({@code frame-ancestors 'self'}, {@code X-Frame-Options}),
 * except the embed player {@code /embed/*}, which the sites of {@code kinora.embed.origins} may frame (any by
 * default). HSTS only when {@code kinora.http.hsts} says Kinora is served over TLS (read on every request).
 */
// mapped in web.xml, ahead of every annotated filter (the media filter answers without passing on)
public class SecurityHeadersFilter extends HttpFilter {
    static final String EMBED = "/embed/";
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors ";
    static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=(), "
            + "fullscreen=(self), autoplay=(self), picture-in-picture=(self)";

    @Inject Embeds embeds;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(EMBED)) {
            response.setHeader("Content-Security-Policy", POLICY + embeds.frameAncestors());
        } else {
            response.setHeader("Content-Security-Policy", POLICY + "'self'");
            response.setHeader("X-Frame-Options", "SAMEORIGIN");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader("Permissions-Policy", PERMISSIONS);
        ConfigProvider.getConfig().getOptionalValue("kinora.http.hsts", String.class).filter(v -> !v.isBlank())
                .ifPresent(v -> response.setHeader("Strict-Transport-Security", v.strip()));
        chain.doFilter(request, response);
    }
}
