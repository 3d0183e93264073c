package io.kinora.encode.application;

import io.kinora.catalog.domain.Rendition;
import io.kinora.media.Ladder;
import io.kinora.media.RenditionSpec;
import io.kinora.media.Rung;
import io.kinora.media.VideoCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The named ladder profiles a video can be encoded with: the two built in, and any an operator defines in
 * configuration as {@code kinora.encode.ladder.<name> = <codec>: <short side>@<kb/s>, ...}, e.g.
 * {@code kinora.encode.ladder.lean = h264: 1080@3000, 540@900, 270@250} (codec h264 or vp9). Read at each upload,
 * so a new ladder needs no restart; a definition that does not parse is logged and the name stays unknown.
 */
public final class Profiles {
    private static final Logger LOG = Logger.getLogger(Profiles.class.getName());
    public static final List<Ladder> BUILT_IN = List.of(Ladder.H264_DEFAULT, Ladder.VP9_DEFAULT);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern RUNG = Pattern.compile("\\s*(\\d{2,4})\\s*@\\s*(\\d{2,6})\\s*");

    private Profiles() { }

    public static Optional<Ladder> byName(String name) {
        if (name == null) return Optional.empty();
        Optional<Ladder> builtIn = BUILT_IN.stream().filter(l -> l.name().equals(name)).findFirst();
        if (builtIn.isPresent() || !NAME.matcher(name).matches()) return builtIn;
        return ConfigProvider.getConfig(Profiles.class.getClassLoader())
                .getOptionalValue("kinora.encode.ladder." + name, String.class).flatMap(d -> {
                    try {
                        return Optional.of(parse(name, d));
                    } catch (IllegalArgumentException e) {
                        LOG.warning("kinora.encode.ladder." + name + " ignored: " + e.getMessage());
                        return Optional.empty();
                    }
                });
    }

    /** A ladder from its definition, {@code <codec>: <short side>@<kb/s>, ...}. */
    public static Ladder parse(String name, String definition) {
        int colon = definition.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("expected <codec>: <short side>@<kb/s>, ...");
        VideoCodec codec;
        try {
            codec = VideoCodec.valueOf(definition.substring(0, colon).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown codec " + definition.substring(0, colon).strip() + " (h264 or vp9)");
        }
        List<Rung> rungs = new ArrayList<>();
        for (String part : definition.substring(colon + 1).split(",")) {
            Matcher m = RUNG.matcher(part);
            if (!m.matches()) throw new IllegalArgumentException("rung '" + part.strip() + "' is not <short side>@<kb/s>");
            int side = Integer.parseInt(m.group(1));
            int kbps = Integer.parseInt(m.group(2));
            if (side < 64 || side > 4320 || side % 2 != 0) throw new IllegalArgumentException("short side " + side + " not even in 64..4320");
            if (kbps < 32 || kbps > 200_000) throw new IllegalArgumentException("bitrate " + kbps + " kb/s not in 32..200000");
            if (rungs.stream().anyMatch(r -> r.shortSide() == side)) throw new IllegalArgumentException("two rungs of " + side + "p");
            rungs.add(new Rung(side, kbps));
        }
        return new Ladder(name, codec, rungs);
    }

    /** The encoder settings of a planned rendition, as stored on the video. */
    public static RenditionSpec spec(Rendition r) {
        VideoCodec codec = VideoCodec.valueOf(r.codec());
        // every ladder derives its peak limits the same way, so the built-in one of the codec will do
        Ladder ladder = BUILT_IN.stream().filter(l -> l.codec() == codec).findFirst().orElseThrow();
        return ladder.spec(r.name(), r.width(), r.height(), r.bitrateKbps());
    }
}
