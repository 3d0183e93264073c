package io.kinora.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details; `code` repeats the last segment of `type` for clients that prefer a word. */
public record Problem(String type, String title, int status, String detail, String code) {
    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://kinora.io/problems/";

    public static Problem of(int status, String code, String detail) {
        Response.Status s = Response.Status.fromStatusCode(status);
        return new Problem(TYPE_BASE + code, s == null ? "Error" : s.getReasonPhrase(), status, detail, code);
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }

    /** Hand-written JSON for places outside JAX-RS (the authentication mechanism). */
    public String toJson() {
        return "{\"type\":\"" + esc(type) + "\",\"title\":\"" + esc(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + esc(detail) + "\",\"code\":\"" + esc(code) + "\"}";
    }

    private static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
