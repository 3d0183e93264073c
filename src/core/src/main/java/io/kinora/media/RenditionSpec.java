package io.kinora.media;

/**
 * One planned output: exact even frame size (display orientation), codec and rate control.
 * {@code maxrate}/{@code bufsize} bound the peaks so the advertised bandwidth holds for streaming.
 */
public record RenditionSpec(String name, VideoCodec codec, int width, int height,
                            int bitrateKbps, int maxrateKbps, int bufsizeKbps) {
}
