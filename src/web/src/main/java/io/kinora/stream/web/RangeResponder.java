package io.kinora.stream.web;

import io.kinora.stream.MediaObjects;
import io.kinora.stream.ByteRange;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Serves one stored object with HTTP range semantics (RFC 9110): 206 with Content-Range for a single
 * byte range (first-last, open "first-", suffix "-n"), 416 with "bytes * /len" when unsatisfiable,
 * strong ETag and Last-Modified with 304 on If-None-Match / If-Modified-Since, 412 on If-Match /
 * If-Unmodified-Since, If-Range. Bytes never pass through the heap in bulk: a local file goes to the socket
 * with sendfile, anything else is streamed.
 */
public final class RangeResponder {
    /**
     * Undertow's ServletOutputStream has transferFrom(FileChannel): sendfile from the channel's position for as
     * many bytes as the Content-Length still allows. Looked up by reflection so the WAR does not compile against
     * Undertow; another container gets the plain copy.
     */
    private static final ClassValue<Optional<MethodHandle>> TRANSFER_FROM = new ClassValue<>() {
        @Override
        protected Optional<MethodHandle> computeValue(Class<?> type) {
            try {
                return Optional.of(MethodHandles.publicLookup().findVirtual(type, "transferFrom",
                        MethodType.methodType(void.class, FileChannel.class)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Optional.empty();
            }
        }
    };

    private RangeResponder() { }

    /** Headers that every answer about the object carries, 304 included. */
    public record Validators(String etag, long lastModifiedMillis, String cacheControl) {
        static Validators of(MediaObjects.Media info, String cacheControl) {
            String tag = info.etag() == null ? Long.toHexString(info.size()) : info.etag().replace("\"", "");
            return new Validators("\"" + tag + "\"", info.lastModified().toEpochMilli() / 1000 * 1000, cacheControl);
        }

        void apply(HttpServletResponse response) {
            response.setHeader("ETag", etag);
            response.setDateHeader("Last-Modified", lastModifiedMillis);
            response.setHeader("Cache-Control", cacheControl);
        }
    }

    public static void respond(MediaObjects store, MediaObjects.Media info, String contentType, HttpServletRequest request,
                               HttpServletResponse response, String cacheControl, boolean head) throws IOException {
        Validators v = Validators.of(info, cacheControl);
        int precondition = preconditionStatus(request, v);
        if (precondition != 0) {
            if (precondition == 304) v.apply(response);
            response.setStatus(precondition);
            return;
        }
        long length = info.size();
        long start = 0, end = length - 1;
        boolean partial = false;
        String range = request.getHeader("Range");
        if (range != null && ifRangeHolds(request, v)) {
            ByteRange r = ByteRange.parse(range, length);
            if (r.kind() == ByteRange.Kind.UNSATISFIABLE) {
                unsatisfiable(response, length);
                return;
            }
            if (r.kind() == ByteRange.Kind.PARTIAL) {
                start = r.first();
                end = r.last();
                partial = true;
            } // several, malformed or invalid ranges: ignored, the whole object is sent (allowed by RFC 9110)
        }
        long count = end - start + 1;
        response.setStatus(partial ? 206 : 200);
        response.setContentType(contentType);
        v.apply(response);
        response.setHeader("Accept-Ranges", "bytes");
        response.setContentLengthLong(count);
        if (partial) response.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + length);
        if (head || count == 0) return;
        ServletOutputStream out = response.getOutputStream();
        if (!sendfile(store, info.key(), start, out)) store.transferTo(info.key(), start, count, out);
    }

    /** 0 when the request goes on, else 304 or 412 (RFC 9110 13.2.2: the order in which they are evaluated). */
    static int preconditionStatus(HttpServletRequest request, Validators v) {
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch != null) {
            if (!matches(ifMatch, v.etag(), false)) return 412;
        } else {
            long since = date(request, "If-Unmodified-Since");
            if (since >= 0 && v.lastModifiedMillis() > since) return 412;
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, v.etag(), true) ? 304 : 0;
        }
        long since = date(request, "If-Modified-Since");
        // a date in the future is not a valid validator (RFC 9110 13.1.3): ignored
        if (since > System.currentTimeMillis()) return 0;
        return since >= 0 && v.lastModifiedMillis() <= since ? 304 : 0;
    }

    /** Entity-tag list match; If-None-Match compares weakly (W/ ignored), If-Match strongly. */
    private static boolean matches(String header, String etag, boolean weak) {
        for (String t : header.split(",")) {
            String tag = t.strip();
            if (tag.equals("*")) return true;
            if (tag.startsWith("W/")) {
                if (!weak) continue;
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) return true;
        }
        return false;
    }

    private static boolean ifRangeHolds(HttpServletRequest request, Validators v) {
        String ifRange = request.getHeader("If-Range");
        if (ifRange == null) return true;
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) return value.equals(v.etag());
        // a date matches only when it is exactly Last-Modified (RFC 9110 13.1.5: an exact match, not "not newer")
        long when = date(request, "If-Range");
        return when >= 0 && v.lastModifiedMillis() == when;
    }

    /** An HTTP date header in ms, -1 when absent or unreadable (an unreadable date is ignored, RFC 9110). */
    private static long date(HttpServletRequest request, String name) {
        try {
            return request.getDateHeader(name);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static void unsatisfiable(HttpServletResponse response, long length) {
        response.setStatus(416);
        response.setHeader("Content-Range", "bytes */" + length);
        response.setHeader("Accept-Ranges", "bytes");
    }

    /** Local file and a container that can send it: the kernel copies, from start for Content-Length bytes. */
    private static boolean sendfile(MediaObjects store, String key, long start, ServletOutputStream out) throws IOException {
        Optional<MethodHandle> transfer = TRANSFER_FROM.get(out.getClass());
        Optional<Path> file = store.localFile(key);
        if (transfer.isEmpty() || file.isEmpty()) return false;
        FileChannel ch;
        try {
            ch = FileChannel.open(file.get(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return false; // gone since the stat: the store's own path reports it
        }
        try (ch) {
            ch.position(start);
            transfer.get().invoke(out, ch);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
        return true;
    }
}
