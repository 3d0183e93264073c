package io.kinora.ingest.torrent;

import java.util.Locale;
import java.util.Set;

/**
 * Which files of a torrent are worth downloading as videos, by name, before a byte is fetched: the extensions
 * of the containers the ingest's demuxer whitelist opens ({@code FfmpegCommands.VIDEO_DEMUXERS}: mov/mp4, matroska/webm,
 * avi, mpegts, mpeg-ps, flv, asf/wmv, ogg). The downloaded bytes are then probed like any upload; a file whose
 * name lies fails there with the ingest's media code.
 */
public final class VideoFileNames {
    public static final Set<String> EXTENSIONS = Set.of(
            "mp4", "m4v", "mov", "3gp", "3g2", "mj2", "mkv", "webm", "avi", "ts", "m2ts", "mts", "mpg", "mpeg", "vob",
            "flv", "wmv", "asf", "ogv", "ogg");

    private VideoFileNames() { }

    public static boolean isVideo(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
