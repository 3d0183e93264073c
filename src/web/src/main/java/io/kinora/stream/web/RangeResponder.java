package io.kinora.stream.web;

import io.kinora.storage.ObjectInfo;
import io.kinora.storage.ObjectStore;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.channels.Channels;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves one stored object with HTTP range semantics (RFC 9110): 206 with Content-Range for a single
 * byte range (first-last, open "first-", suffix "-n"), 416 with "bytes * /len" when unsatisfiable,
 * strong ETag and Last-Modified with 304 on If-None-Match / If-Modified-Since, If-Range. Bytes are copied
 * from the store to the socket in a stream, never loaded whole.
 */
public final class RangeResponder {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private RangeResponder() { }

    public static Response respond(ObjectStore store, ObjectInfo info, String contentType, Request request,
                                   HttpHeaders headers, String cacheControl, boolean head) {
        EntityTag etag = new EntityTag(info.etag() == null ? Long.toHexString(info.size()) : info.etag().replace("\"", ""));
        Date lastModified = Date.from(info.lastModified().truncatedTo(ChronoUnit.SECONDS));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(lastModified, etag);
        if (notModified != null) {
            return notModified.tag(etag).lastModified(lastModified).header("Cache-Control", cacheControl).build();
        }
        long length = info.size();
        long start = 0, end = length - 1;
        boolean partial = false;
        String range = headers.getHeaderString("Range");
        if (range != null && ifRangeHolds(headers.getHeaderString("If-Range"), etag, lastModified)) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) { // suffix: the last n bytes
                    long n = Long.parseLong(m.group(2));
                    if (n == 0) return unsatisfiable(length);
                    start = Math.max(0, length - n);
                } else {
                    start = Long.parseLong(m.group(1));
                    if (!m.group(2).isEmpty()) end = Math.min(end, Long.parseLong(m.group(2)));
                    if (start >= length || end < start) return unsatisfiable(length);
                }
                partial = true;
            } // multiple or malformed ranges: ignored, the whole object is sent (allowed by RFC 9110)
        }
        long from = start, count = end - start + 1;
        Response.ResponseBuilder b = Response.status(partial ? 206 : 200)
                .type(contentType)
                .tag(etag)
                .lastModified(lastModified)
                .header("Accept-Ranges", "bytes")
                .header("Cache-Control", cacheControl)
                .header("Content-Length", count);
        if (partial) b.header("Content-Range", "bytes " + start + "-" + end + "/" + length);
        if (head || count == 0) return b.build();
        StreamingOutput body = out -> store.transferTo(info.key(), from, count, Channels.newChannel(out));
        return b.entity(body).build();
    }

    private static boolean ifRangeHolds(String ifRange, EntityTag etag, Date lastModified) {
        if (ifRange == null) return true;
        String v = ifRange.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) return !v.startsWith("W/") && v.equals("\"" + etag.getValue() + "\"");
        try {
            Instant when = DateTimeFormatter.RFC_1123_DATE_TIME.parse(v, Instant::from);
            return !lastModified.toInstant().isAfter(when);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Response unsatisfiable(long length) {
        return Response.status(416).header("Content-Range", "bytes */" + length).header("Accept-Ranges", "bytes").build();
    }
}
