package io.kinora.encode.work;

import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.Profiles;
import io.kinora.media.Rational;
import io.kinora.media.RenditionSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What encoding any item of one execution needs from the video: read once per execution on each node, not once per
 * item (it does not change while the execution runs). The piece manifest is {@code PieceManifests}' to keep.
 */
record ItemContext(Map<String, RenditionSpec> specs, String lowest, Rational frameRate, int sourceHeight) {

    static ItemContext of(Video video) {
        Map<String, RenditionSpec> specs = new LinkedHashMap<>();
        for (Rendition r : video.renditions()) specs.put(r.name(), Profiles.spec(r)); // sorted by height
        String lowest = specs.isEmpty() ? null : specs.keySet().iterator().next();
        return new ItemContext(Map.copyOf(specs), lowest, Rational.parse(video.source().frameRate()),
                video.source().height() == null ? 0 : video.source().height());
    }

    RenditionSpec spec(String rendition) {
        RenditionSpec spec = specs.get(rendition);
        if (spec == null) throw new IllegalStateException("no rendition " + rendition + " in this video's ladder");
        return spec;
    }
}
