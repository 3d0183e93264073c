package io.kinora.media;

import java.time.Duration;

/**
 * Accepted frame sizes and lengths. Sizes are checked orientation-free (long side against
 * {@code maxLongSide}, short side against {@code maxShortSide}) so a portrait 4320x7680 passes like 8K landscape.
 */
public record MediaLimits(int minSide, int maxLongSide, int maxShortSide, Duration maxDuration) {

    public static final MediaLimits DEFAULT = new MediaLimits(16, 7680, 4320, Duration.ofHours(12));

    public boolean dimensionsAllowed(int width, int height) {
        int longSide = Math.max(width, height);
        int shortSide = Math.min(width, height);
        return shortSide >= minSide && longSide <= maxLongSide && shortSide <= maxShortSide;
    }

    /** Duration must be positive and at most the maximum. */
    public boolean durationAllowed(double seconds) {
        return seconds > 0 && seconds <= maxDuration.toMillis() / 1000.0;
    }
}
