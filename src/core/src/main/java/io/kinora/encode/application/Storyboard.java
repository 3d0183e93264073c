package io.kinora.encode.application;

import java.util.Locale;

/**
 * The layout of a storyboard sprite: at most 100 tiles (10 x 10) in one image, one every few seconds,
 * and the WebVTT that maps each time range to its tile (#xywh media fragments), as players expect.
 */
public record Storyboard(double durationSeconds, double intervalSeconds, int tileWidth, int tileHeight,
                         int columns, int rows, int tiles) {
    public static final int MAX_TILES = 100;

    public static Storyboard plan(double durationSeconds, int sourceWidth, int sourceHeight) {
        double interval = Math.max(1, Math.ceil(durationSeconds / MAX_TILES));
        int tiles = (int) Math.max(1, Math.ceil(durationSeconds / interval));
        int columns = Math.min(10, tiles);
        int rows = (int) Math.ceil(tiles / (double) columns);
        int w = 160;
        int h = Math.max(2, (int) Math.round(w * (double) sourceHeight / sourceWidth / 2) * 2);
        return new Storyboard(durationSeconds, interval, w, h, columns, rows, tiles);
    }

    public String vtt(String imageName) {
        StringBuilder b = new StringBuilder("WEBVTT\n\n");
        for (int i = 0; i < tiles; i++) {
            double start = i * intervalSeconds;
            double end = Math.min(durationSeconds, start + intervalSeconds);
            b.append(ts(start)).append(" --> ").append(ts(end)).append('\n')
                    .append(imageName).append("#xywh=").append((i % columns) * tileWidth).append(',')
                    .append((i / columns) * tileHeight).append(',').append(tileWidth).append(',').append(tileHeight)
                    .append("\n\n");
        }
        return b.toString();
    }

    private static String ts(double s) {
        long ms = Math.round(s * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
