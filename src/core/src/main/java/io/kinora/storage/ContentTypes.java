package io.kinora.storage;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/** Content type from a key's extension, for the media formats Kinora writes (the JDK knows few). */
final class ContentTypes {

    static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> MEDIA = Map.ofEntries(
            Map.entry("m3u8", "application/vnd.apple.mpegurl"),
            Map.entry("mpd", "application/dash+xml"),
            Map.entry("m4s", "video/iso.segment"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4v", "video/mp4"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("mkv", "video/x-matroska"),
            Map.entry("webm", "video/webm"),
            Map.entry("ts", "video/mp2t"),
            Map.entry("vtt", "text/vtt"),
            Map.entry("srt", "application/x-subrip"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("png", "image/png"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain"));

    private ContentTypes() {
    }

    static String guess(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            String type = MEDIA.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (type != null) {
                return type;
            }
        }
        String type = URLConnection.guessContentTypeFromName(name);
        return type != null ? type : DEFAULT;
    }

    static String orGuess(String contentType, String key) {
        return contentType == null || contentType.isBlank() ? guess(key) : contentType;
    }
}
