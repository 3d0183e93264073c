package io.kinora.encode.application;

import io.kinora.catalog.domain.Rendition;
import java.util.Comparator;
import java.util.List;

/** The HLS master playlist of a video's published renditions, lowest first so playback starts fast. */
public final class MasterPlaylist {
    private MasterPlaylist() { }

    public static String render(List<Rendition> renditions) {
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        renditions.stream().filter(r -> r.status() == Rendition.Status.PUBLISHED)
                .sorted(Comparator.comparingInt(Rendition::height).thenComparingInt(Rendition::bitrateKbps))
                .forEach(r -> b.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(r.peakBandwidth())
                        .append(",AVERAGE-BANDWIDTH=").append(r.averageBandwidth())
                        .append(",RESOLUTION=").append(r.width()).append('x').append(r.height())
                        .append(",CODECS=\"").append(r.codecs()).append('"')
                        .append(",FRAME-RATE=").append(r.frameRate())
                        .append('\n').append(r.name()).append("/index.m3u8\n"));
        return b.toString();
    }
}
