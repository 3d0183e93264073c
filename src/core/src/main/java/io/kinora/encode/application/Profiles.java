package io.kinora.encode.application;

import io.kinora.catalog.domain.Rendition;
import io.kinora.media.Ladder;
import io.kinora.media.RenditionSpec;
import io.kinora.media.VideoCodec;
import java.util.List;
import java.util.Optional;

/** The named ladder profiles a video can be encoded with. */
public final class Profiles {
    public static final List<Ladder> ALL = List.of(Ladder.H264_DEFAULT, Ladder.VP9_DEFAULT);

    private Profiles() { }

    public static Optional<Ladder> byName(String name) {
        return ALL.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The encoder settings of a planned rendition, as stored on the video. */
    public static RenditionSpec spec(Rendition r) {
        VideoCodec codec = VideoCodec.valueOf(r.codec());
        Ladder ladder = ALL.stream().filter(l -> l.codec() == codec).findFirst().orElseThrow();
        return ladder.spec(r.name(), r.width(), r.height(), r.bitrateKbps());
    }
}
