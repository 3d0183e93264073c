package io.kinora.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaProbeTest {

    @TempDir
    static Path dir;
    static Path hd;
    static Path ntsc720;
    static MediaProbe probe;

    @BeforeAll
    static void generate() {
        // 9 s so keyframes (every 100 frames = 4 s) fall at 0, 4 and 8
        hd = TestMedia.video(dir.resolve("hd.mp4"), 1920, 1080, "25", 9, true, 100);
        ntsc720 = TestMedia.video(dir.resolve("ntsc.mp4"), 1280, 720, "30000/1001", 3, false, 30);
        probe = new MediaProbe(TestMedia.ffmpeg(), MediaLimits.DEFAULT);
    }

    private static MediaRejection rejection(MediaProbe p, Path file) {
        return assertThrows(MediaRejectedException.class, () -> p.probe(file)).reason();
    }

    @Test
    void probes1080p25WithAudio() throws Exception {
        ProbeResult r = probe.probe(hd);

        assertEquals("mov", r.demuxer());
        assertTrue(r.formatName().contains("mp4"));
        assertEquals(9.0, r.durationSeconds(), 0.1);
        assertEquals(Files.size(hd), r.sizeBytes());
        assertNotNull(r.bitRate());
        ProbeResult.VideoStream v = r.video();
        assertEquals("h264", v.codec());
        assertEquals(1920, v.width());
        assertEquals(1080, v.height());
        assertEquals(new Rational(25, 1), v.frameRate());
        assertEquals("yuv420p", v.pixelFormat());
        assertEquals(225L, v.frameCount());
        assertEquals(0, v.rotation());
        assertEquals(4.0, v.keyframeIntervalSeconds(), 0.01);
        ProbeResult.AudioStream a = r.audioStream().orElseThrow();
        assertEquals("aac", a.codec());
        assertEquals(48000, a.sampleRate());
        assertEquals(2, a.channels());
    }

    @Test
    void probes720pAt2997WithoutAudio() throws Exception {
        ProbeResult r = probe.probe(ntsc720);

        assertFalse(r.hasAudio());
        assertEquals(1280, r.video().displayWidth());
        assertEquals(720, r.video().displayHeight());
        assertEquals(new Rational(30000, 1001), r.video().frameRate());
        assertEquals(29.97, r.video().frameRate().toDouble(), 0.001);
        assertEquals(3.0, r.durationSeconds(), 0.05);
        assertEquals(1001.0 / 1000, r.video().keyframeIntervalSeconds(), 0.01); // 30 frames at 29.97
    }

    @Test
    void rotationMetadataGivesPortraitDisplaySize() throws Exception {
        Path plain = TestMedia.video(dir.resolve("landscape.mp4"), 320, 176, "25", 1, false, 25);
        Path rotated = dir.resolve("rotated.mp4");
        // a phone-style display matrix (90 degrees counter-clockwise) added by remuxing
        TestMedia.run(java.util.List.of(TestMedia.ffmpeg().ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-display_rotation", "90", "-i", plain.toString(), "-c", "copy", rotated.toString()));

        ProbeResult r = probe.probe(rotated);

        assertEquals(270, r.video().rotation()); // clockwise degrees
        assertEquals(320, r.video().width());
        assertEquals(176, r.video().displayWidth());
        assertEquals(320, r.video().displayHeight());
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        assertEquals(MediaRejection.EMPTY_FILE, rejection(probe, Files.createFile(dir.resolve("empty.mp4"))));
    }

    @Test
    void rejectsRandomBytesNamedMp4() throws IOException {
        byte[] junk = new byte[64 * 1024];
        new Random(42).nextBytes(junk);
        junk[0] = 'x'; // deterministic: not a container signature
        assertEquals(MediaRejection.NOT_A_VIDEO, rejection(probe, Files.write(dir.resolve("random.mp4"), junk)));
    }

    @Test
    void rejectsTruncatedMp4WithIndexAtTheEnd() throws IOException {
        byte[] whole = Files.readAllBytes(hd); // ffmpeg writes moov at the end unless +faststart
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length * 6 / 10));
        assertEquals(MediaRejection.TRUNCATED_OR_CORRUPT, rejection(probe, cut));
    }

    @Test
    void rejectsTruncatedFastStartMp4WhoseIndexIsIntact() throws IOException {
        Path fast = TestMedia.video(dir.resolve("fast.mp4"), 320, 240, "25", 6, true, 25, "-movflags", "+faststart");
        byte[] whole = Files.readAllBytes(fast);
        Path cut = Files.write(dir.resolve("fastcut.mp4"), Arrays.copyOf(whole, whole.length * 6 / 10));
        assertEquals(MediaRejection.TRUNCATED_OR_CORRUPT, rejection(probe, cut));
    }

    @Test
    void rejectsPngAsStillImage() {
        assertEquals(MediaRejection.STILL_IMAGE, rejection(probe, TestMedia.png(dir.resolve("frame.png"))));
    }

    @Test
    void rejectsPngRenamedToMp4AsStillImage() throws IOException {
        Path renamed = Files.copy(TestMedia.png(dir.resolve("frame2.png")), dir.resolve("frame2.mp4"));
        assertEquals(MediaRejection.STILL_IMAGE, rejection(probe, renamed));
    }

    @Test
    void rejectsSingleFrameMp4AsStillImage() {
        Path one = TestMedia.video(dir.resolve("one.mp4"), 320, 240, "25", 1, false, 25, "-frames:v", "1");
        assertEquals(MediaRejection.STILL_IMAGE, rejection(probe, one));
    }

    @Test
    void rejectsAudioOnly() {
        assertEquals(MediaRejection.NO_VIDEO_STREAM, rejection(probe, TestMedia.audioOnly(dir.resolve("tone.m4a"), 2)));
    }

    @Test
    void appliesConfiguredLimits() {
        MediaProbe strict = new MediaProbe(TestMedia.ffmpeg(), new ProcessRunner(), new MediaLimits(800, 7680, 4320,
                Duration.ofHours(1)), MediaProbe.Tail.TRUST);
        assertEquals(MediaRejection.DIMENSIONS_OUT_OF_RANGE, rejection(strict, ntsc720));
        MediaProbe shortOnly = new MediaProbe(TestMedia.ffmpeg(), new ProcessRunner(), new MediaLimits(16, 7680, 4320,
                Duration.ofSeconds(2)), MediaProbe.Tail.TRUST);
        assertEquals(MediaRejection.DURATION_OUT_OF_RANGE, rejection(shortOnly, ntsc720));
    }

    /** Playlists and concat lists named like videos must not make the probe open anything they reference. */
    @ParameterizedTest
    @ValueSource(strings = {"hls.mp4", "hls.m3u8", "list.mp4", "list.ffconcat"})
    void referenceFilesAreRejectedWithoutTouchingTheirTargets(String name) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(200);
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                    } catch (SocketTimeoutException again) {
                        // keep listening until the test closes the socket
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/seg.ts";
            String content = name.startsWith("hls")
                    ? "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n"
                      + "#EXTINF:10,\n" + url + "\n#EXTINF:10,\n" + hd + "\n#EXT-X-ENDLIST\n"
                    : "ffconcat version 1.0\nfile 'file:///etc/passwd'\nfile '" + url + "'\nfile '" + hd + "'\n";
            Path file = Files.writeString(dir.resolve(name), content);

            MediaRejection reason = rejection(probe, file);

            assertTrue(reason == MediaRejection.NOT_A_VIDEO || reason == MediaRejection.UNSUPPORTED_CONTAINER,
                    reason.toString());
            Thread.sleep(300); // give any stray connection time to arrive
            server.close();
            acceptor.join(2000);
            assertEquals(0, connections.get(), "probe connected to " + url);
        }
    }

    @Test
    void rejectionCodesAreStableKebabCase() {
        assertEquals("still-image", MediaRejection.STILL_IMAGE.code());
        for (MediaRejection r : MediaRejection.values()) {
            assertTrue(r.code().matches("[a-z]+(-[a-z]+)*"), r.code());
            assertFalse(r.message().isBlank());
        }
        MediaRejectedException e = new MediaRejectedException(MediaRejection.EMPTY_FILE, "0 bytes");
        assertTrue(e.getMessage().startsWith("empty-file"));
    }

    @Test
    void productionWhitelistContainsOnlyContainerDemuxers() {
        for (String banned : new String[] {"hls", "concat", "image2", "image2pipe", "png_pipe", "lavfi", "tty",
                "data", "srt", "webvtt", "dash"}) {
            assertFalse(FfmpegCommands.VIDEO_DEMUXERS.contains(banned), banned);
        }
        var args = new FfmpegCommands(TestMedia.ffmpeg()).probe(Path.of("x -i http:,evil.mp4"));
        assertEquals("file:" + Path.of("x -i http:,evil.mp4").toAbsolutePath(), args.get(args.size() - 1));
        assertEquals("file", args.get(args.indexOf("-protocol_whitelist") + 1));
    }
}
