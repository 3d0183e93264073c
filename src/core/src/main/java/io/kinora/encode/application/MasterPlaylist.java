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

    public static String render(List<Rendition> renditions, List<String> captionLanguages) {
        return render(renditions, captionLanguages, java.util.Set.of());
    }

    /**
     * With the captions as a SUBTITLES group that every variant refers to; an automatic track (speech recognition) is
     * named "{lang} (automatic)", which players show in their subtitles menu.
     */
    public static String render(List<Rendition> renditions, List<String> captionLanguages, java.util.Set<String> automatic) {
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (String lang : captionLanguages) {
            String name = automatic.contains(lang) ? lang + " (automatic)" : lang;
            b.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"").append(name).append("\",LANGUAGE=\"")
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
