package io.kinora.captions;

import java.util.List;
import java.util.Locale;

/** Cues as a WebVTT file, with a NOTE that says who made it; text escaped so recognizer output is never markup. */
public final class WebVttWriter {
    private WebVttWriter() { }

    public static String write(List<Cue> cues, String engine) {
        StringBuilder b = new StringBuilder("WEBVTT\n\nNOTE automatic captions (").append(engine).append(")\n\n");
        for (Cue c : cues) {
            b.append(time(c.start())).append(" --> ").append(time(c.end())).append('\n');
            for (String line : c.lines()) b.append(escape(line)).append('\n');
            b.append('\n');
        }
        return b.toString();
    }

    static String time(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('\n', ' ');
    }
}
