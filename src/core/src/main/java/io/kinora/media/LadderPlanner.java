package io.kinora.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the renditions for one source.
 *
 * <p>Orientation: rungs are matched against the source's <em>short</em> side in display orientation
 * (rotation metadata and non-square pixels applied), so a portrait 1080x1920 phone video gets the same
 * 1080p..144p ladder as landscape 1920x1080, with sizes 1080x1920, 720x1280 and so on. Never upscale: a rung
 * is used only if its short side is at most the source's. The long side follows the aspect ratio, rounded to
 * the nearest even number (yuv420p needs even sizes; 853x480 gives 854x480). A source smaller than the lowest rung gets one rendition at its
 * own size (rounded down to even) with the lowest rung's bitrate.
 */
public final class LadderPlanner {

    private LadderPlanner() {
    }

    /** Renditions sorted lowest first. */
    public static List<RenditionSpec> plan(Ladder ladder, ProbeResult source) {
        ProbeResult.VideoStream v = source.video();
        return plan(ladder, v.displayWidth(), v.displayHeight());
    }

    /** Same, from display width and height. */
    public static List<RenditionSpec> plan(Ladder ladder, int displayWidth, int displayHeight) {
        boolean portrait = displayHeight > displayWidth;
        int shortSide = Math.min(displayWidth, displayHeight);
        int longSide = Math.max(displayWidth, displayHeight);
        List<RenditionSpec> out = new ArrayList<>();
        for (Rung rung : ladder.rungs()) { // ascending
            if (rung.shortSide() > shortSide) {
                break;
            }
            int s = evenRound(rung.shortSide());
            int l = evenRound((double) longSide * rung.shortSide() / shortSide);
            out.add(ladder.spec(rung.name(), portrait ? s : l, portrait ? l : s, rung.bitrateKbps()));
        }
        if (out.isEmpty()) {
            Rung lowest = ladder.rungs().get(0);
            int s = Math.max(2, shortSide - shortSide % 2); // down, so even this one never upscales
            int l = Math.max(2, longSide - longSide % 2);
            out.add(ladder.spec(s + "p", portrait ? s : l, portrait ? l : s, lowest.bitrateKbps()));
        }
        return List.copyOf(out);
    }

    /** Nearest even integer (853.3 -> 854, 639.75 -> 640). */
    static int evenRound(double value) {
        return (int) Math.round(value / 2.0) * 2;
    }
}
