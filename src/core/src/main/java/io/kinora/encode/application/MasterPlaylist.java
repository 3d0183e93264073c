package io.kinora.encode.application;

import io.kinora.catalog.domain.Rendition;
import java.util.Comparator;
import java.util.List;

/** The HLS master playlist of a video's published renditions, lowest first so playback starts fast. */
public final class MasterPlaylist {
    private MasterPlaylist() { }

    public static String render(List<Rendition> renditions) {
        return render(renditions, List.of());
    }

    /** With the owner's captions as a SUBTITLES group that every variant refers to. */
    public static String render(List<Rendition> renditions, List<String> captionLanguages) {
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (String lang : captionLanguages) {
            b.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"").append(lang).append("\",LANGUAGE=\"")
                    .append(lang).append("\",DEFAULT=NO,AUTOSELECT=YES,URI=\"captions/").append(lang).append(".m3u8\"\n");
        }
        String subtitles = captionLanguages.isEmpty() ? "" : ",SUBTITLES=\"subs\"";
        renditions.stream().filter(r -> r.status() == Rendition.Status.PUBLISHED)
                .sorted(Comparator.comparingInt(Rendition::height).thenComparingInt(Rendition::bitrateKbps))
                .forEach(r -> b.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(r.peakBandwidth())
                        .append(",AVERAGE-BANDWIDTH=").append(r.averageBandwidth())
                        .append(",RESOLUTION=").append(r.width()).append('x').append(r.height())
                        .append(",CODECS=\"").append(r.codecs()).append('"')
                        .append(",FRAME-RATE=").append(r.frameRate()).append(subtitles)
                        .append('\n').append(r.name()).append("/index.m3u8\n"));
        return b.toString();
    }
}
