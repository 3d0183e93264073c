package io.kinora.web;

import jakarta.servlet.http.HttpServletRequest;

/** Small helpers for the pages rendered on the server (embed player, watch page head, refusal pages). */
public final class Html {
    private Html() { }

    public static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A page rendered here: the shared head with {@code head} added (title, styles, scripts), then the body. */
    public static String page(String head, String bodyClass, String body) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <meta name="robots" content="noindex">
                %s</head>
                <body class="%s">
                %s</body>
                </html>
                """.formatted(head, esc(bodyClass), body);
    }

    /** An embed page (player or message): {@link #page} with the embed styles. */
    public static String embedPage(String head, String body) {
        return page("  <link rel=\"stylesheet\" href=\"/css/embed.css\">\n" + head, "embed", body);
    }

    /** JSON for a {@code <script type="application/json">}: no "<" can close the element early. */
    public static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** Kinora's root URL as this request reached it, e.g. http://host:8080/. */
    public static String root(HttpServletRequest request) {
        StringBuffer url = request.getRequestURL();
        String full = url.toString();
        int path = full.indexOf('/', full.indexOf("://") + 3);
        return (path < 0 ? full : full.substring(0, path)) + request.getContextPath() + "/";
    }

    /** The id segment of /prefix/{id}[/], or null. */
    public static String id(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null) return null;
        String id = info.startsWith("/") ? info.substring(1) : info;
        if (id.endsWith("/")) id = id.substring(0, id.length() - 1);
        return id.isEmpty() || id.contains("/") ? null : id;
    }
}
