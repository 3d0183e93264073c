package io.kinora.media;

import java.util.Optional;

/**
 * What ffprobe found in an accepted upload.
 *
 * @param formatName ffprobe's format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
 * @param demuxer    the demuxer to force with {@code -f} for every later ffmpeg run, e.g. "mov"
 * @param bitRate    overall bits per second, null if unknown
 * @param audio      first audio stream, null if there is none
 */
public record ProbeResult(String formatName, String demuxer, double durationSeconds, long sizeBytes,
                          Long bitRate, VideoStream video, AudioStream audio) {

    public Optional<AudioStream> audioStream() {
        return Optional.ofNullable(audio);
    }

    public boolean hasAudio() {
        return audio != null;
    }

    /**
     * The first real video stream (cover art excluded).
     *
     * @param frameRate              average frame rate, e.g. 30000/1001; null if unknown
     * @param sampleAspectRatio      pixel shape, null when square/unknown
     * @param frameCount             frames per container header, null if not stored
     * @param rotation               clockwise degrees the player must rotate (0, 90, 180, 270)
     * @param keyframeIntervalSeconds median keyframe spacing in the first probed seconds, null if under two keyframes
     */
    public record VideoStream(int index, String codec, int width, int height, Rational frameRate,
                              Rational sampleAspectRatio, String pixelFormat, Long frameCount, int rotation,
                              Double keyframeIntervalSeconds) {

        /** Width as shown: non-square pixels stretched, rotation applied (FFmpeg autorotates when decoding). */
        public int displayWidth() {
            return quarterTurn() ? stretchedHeight() : stretchedWidth();
        }

        public int displayHeight() {
            return quarterTurn() ? stretchedWidth() : stretchedHeight();
        }

        private boolean quarterTurn() {
            return rotation == 90 || rotation == 270;
        }

        private int stretchedWidth() {
            return sampleAspectRatio == null ? width : (int) Math.round(width * sampleAspectRatio.toDouble());
        }

        private int stretchedHeight() {
            return height;
        }
    }

    public record AudioStream(int index, String codec, int sampleRate, int channels) {
    }
}
