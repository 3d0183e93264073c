package io.kinora.embed.web;

import io.kinora.embed.Embeds;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Clickjacking: every answer refuses to be framed by another site (CSP {@code frame-ancestors 'self'} and, for
 * older browsers, {@code X-Frame-Options: SAMEORIGIN}), except the embed player {@code /embed/*}, which may be
 * framed by the sites of {@code kinora.embed.origins} (any by default).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class FramingFilter extends HttpFilter {
    static final String EMBED = "/embed/";

    @Inject Embeds embeds;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(EMBED)) {
            response.setHeader("Content-Security-Policy", "frame-ancestors " + embeds.frameAncestors());
        } else {
            response.setHeader("Content-Security-Policy", "frame-ancestors 'self'");
            response.setHeader("X-Frame-Options", "SAMEORIGIN");
        }
        chain.doFilter(request, response);
    }
}
