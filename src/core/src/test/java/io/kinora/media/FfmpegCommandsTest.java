package io.kinora.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the production command lines on a real (tiny) source: segment, encode pieces, join, audio, thumbnail. */
class FfmpegCommandsTest {

    private static final double GOP = 2.0;

    @Test
    void segmentedPiecesEncodeWithKeyframesOnlyOnTheAbsoluteGridAndJoin(@TempDir Path dir) throws Exception {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        // 10 s, 640x360, source keyframes every second
        Path source = TestMedia.video(dir.resolve("source.mp4"), 640, 360, "25", 10, true, 25);
        ProbeResult probe = new MediaProbe(TestMedia.ffmpeg(), MediaLimits.DEFAULT).probe(source);

        Path list = dir.resolve("pieces.csv");
        TestMedia.run(commands.segment(source, probe.demuxer(), GOP, dir.resolve("piece-%05d.mkv"), list));
        List<String[]> pieces = Files.readAllLines(list).stream().filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
        assertEquals(5, pieces.size());

        RenditionSpec p360 = LadderPlanner.plan(Ladder.H264_DEFAULT, probe).stream()
                .filter(s -> s.name().equals("360p")).findFirst().orElseThrow();
        var options = new FfmpegCommands.EncoderOptions("ultrafast", GOP, probe.video().frameRate(), probe.video().displayHeight());
        List<String> concat = new ArrayList<>(List.of("ffconcat version 1.0"));
        for (String[] piece : pieces) {
            double start = Double.parseDouble(piece[1]);
            Path encoded = dir.resolve("enc-" + piece[0]);
            TestMedia.run(commands.encodePiece(dir.resolve(piece[0]), start,
                    List.of(new FfmpegCommands.PieceOutput(p360, encoded)), options));

            List<double[]> packets = TestMedia.videoPackets(encoded);
            List<Double> keys = TestMedia.keyframeTimes(encoded);
            assertEquals(start, packets.stream().mapToDouble(p -> p[0]).min().orElseThrow(), 0.001,
                    "piece keeps its source timestamps");
            assertFalse(keys.isEmpty());
            for (double k : keys) {
                assertEquals(0, Math.abs(k / GOP - Math.round(k / GOP)) * GOP, 0.001, "keyframe off grid at " + k);
            }
            String stream = TestMedia.show(encoded, "v:0", "stream=codec_name,width,height,pix_fmt");
            assertTrue(stream.contains("codec_name=h264") && stream.contains("width=640") && stream.contains("height=360")
                    && stream.contains("pix_fmt=yuv420p"), stream);
            assertFalse(TestMedia.show(encoded, null, "stream=codec_type").contains("audio"));
            // Matroska stores the end time as "duration" when timestamps do not start at 0, so the join list
            // states each piece's real duration from the segment list
            concat.add("file '" + encoded + "'");
            concat.add("duration " + (Double.parseDouble(piece[2]) - start));
        }

        // the encoded pieces join back with stream copy into the whole timeline, keyframes every 2 s
        Path concatList = Files.write(dir.resolve("join.ffconcat"), concat);
        Path joined = dir.resolve("joined.mkv");
        TestMedia.run(List.of(TestMedia.ffmpeg().ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-f", "concat", "-safe", "0", "-i", concatList.toString(), "-c", "copy", joined.toString()));
        assertEquals(250, TestMedia.videoPackets(joined).size());
        assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0), TestMedia.keyframeTimes(joined));
    }

    @Test
    void onePieceToSeveralRenditionsInOneProcessAlignsAndRepeatsBitExact(@TempDir Path dir) throws Exception {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        Path source = TestMedia.video(dir.resolve("source.mp4"), 640, 360, "25", 6, false, 25);
        ProbeResult probe = new MediaProbe(TestMedia.ffmpeg(), MediaLimits.DEFAULT).probe(source);
        TestMedia.run(commands.segment(source, probe.demuxer(), 100, dir.resolve("one-%03d.mkv"), dir.resolve("one.csv")));
        List<RenditionSpec> ladder = LadderPlanner.plan(Ladder.H264_DEFAULT, probe); // 144p, 240p, 360p
        assertEquals(3, ladder.size());
        var options = new FfmpegCommands.EncoderOptions("ultrafast", GOP, probe.video().frameRate(), probe.video().displayHeight());
        List<List<String>> runs = new ArrayList<>();
        for (String run : List.of("a", "b")) {
            List<FfmpegCommands.PieceOutput> outs = ladder.stream()
                    .map(r -> new FfmpegCommands.PieceOutput(r, dir.resolve(run + "-" + r.name() + ".mkv"))).toList();
            TestMedia.run(commands.encodePiece(dir.resolve("one-000.mkv"), 0, outs, options));
            List<String> hashes = new ArrayList<>();
            for (FfmpegCommands.PieceOutput o : outs) {
                assertEquals(150, TestMedia.videoPackets(o.file()).size(), o.rendition().name());
                assertEquals(List.of(0.0, 2.0, 4.0), TestMedia.keyframeTimes(o.file()), o.rendition().name());
                String stream = TestMedia.show(o.file(), "v:0", "stream=width,height");
                assertTrue(stream.contains("width=" + o.rendition().width()) && stream.contains("height=" + o.rendition().height()),
                        stream);
                // the packets (Matroska itself writes a random segment UID, which the join drops anyway)
                hashes.add(TestMedia.run(List.of(TestMedia.ffmpeg().ffmpeg().toString(), "-v", "error", "-i", o.file().toString(),
                        "-map", "0:v", "-c", "copy", "-f", "hash", "-")).stdout().strip());
            }
            runs.add(hashes);
        }
        assertEquals(runs.get(0), runs.get(1), "a re-encoded piece has identical packets, so a restart reproduces it");
        assertEquals(3, new java.util.HashSet<>(runs.get(0)).size());

        // a restart that lost only the middle rendition scales through the same cascade: identical packets again
        Path middle = dir.resolve("c-" + ladder.get(1).name() + ".mkv");
        List<String> only = commands.encodePiece(dir.resolve("one-000.mkv"), 0, ladder,
                List.of(new FfmpegCommands.PieceOutput(ladder.get(1), middle)), options);
        assertFalse(String.join(" ", only).contains(ladder.get(0).width() + ":" + ladder.get(0).height()),
                "nothing is scaled below the smallest output");
        TestMedia.run(only);
        assertEquals(runs.get(0).get(1), TestMedia.run(List.of(TestMedia.ffmpeg().ffmpeg().toString(), "-v", "error", "-i",
                middle.toString(), "-map", "0:v", "-c", "copy", "-f", "hash", "-")).stdout().strip());
    }

    @Test
    void renditionsAreScaledInACascadeAndTheLowestAloneIsAveraged() {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        List<RenditionSpec> ladder = LadderPlanner.plan(Ladder.H264_DEFAULT, 1920, 1080);
        var options = new FfmpegCommands.EncoderOptions("veryfast", GOP, new Rational(25, 1), 1080);
        Path piece = Path.of("p.mkv");
        List<RenditionSpec> rest = ladder.subList(1, ladder.size());
        List<String> all = commands.encodePiece(piece, 0, rest,
                rest.stream().map(r -> new FfmpegCommands.PieceOutput(r, Path.of(r.name() + ".mkv"))).toList(), options);
        String graph = all.get(all.indexOf("-filter_complex") + 1);
        assertTrue(graph.contains("[c0]scale=1920:1080:flags=bicubic,setsar=1,split[v4][c1]"), graph);
        assertTrue(graph.contains("[c1]scale=1280:720:flags=bicubic,setsar=1,split[v3][c2]"), graph);
        assertTrue(graph.endsWith("[c4]scale=426:240:flags=bicubic,setsar=1[v0]"), graph);
        List<String> lowest = commands.encodePiece(piece, 0, List.of(ladder.get(0)),
                List.of(new FfmpegCommands.PieceOutput(ladder.get(0), Path.of("l.mkv"))), options);
        assertEquals("[0:v:0]fps=25/1[c0];[c0]scale=256:144:flags=area,setsar=1[v0]",
                lowest.get(lowest.indexOf("-filter_complex") + 1));
    }

    @Test
    void audioAndThumbnail(@TempDir Path dir) throws Exception {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        Path source = TestMedia.video(dir.resolve("src.mp4"), 320, 240, "25", 3, true, 25);

        Path audio = dir.resolve("audio.m4a");
        TestMedia.run(commands.encodeAudio(source, "mov", audio));
        String a = TestMedia.show(audio, "a:0", "stream=codec_name,channels,sample_rate");
        assertTrue(a.contains("codec_name=aac") && a.contains("channels=2") && a.contains("sample_rate=48000"), a);
        assertFalse(TestMedia.show(audio, null, "stream=codec_type").contains("video"));

        Path thumb = dir.resolve("thumb %d.jpg");
        TestMedia.run(commands.thumbnail(source, "mov", 1.5, 160, thumb));
        assertTrue(Files.size(thumb) > 0, "the literal name is written, %d is not a pattern");
        String t = TestMedia.show(Files.copy(thumb, dir.resolve("thumb.jpg")), "v:0", "stream=codec_name,width,height");
        assertTrue(t.contains("codec_name=mjpeg") && t.contains("width=160") && t.contains("height=120"), t);

        // the keyframe before the instant, decoded alone (the source has a keyframe every second, none after 2 s)
        Path key = dir.resolve("key.jpg");
        List<String> fast = commands.thumbnail(source, "mov", 2.5, 160, key, true);
        assertTrue(fast.containsAll(List.of("-noaccurate_seek", "-skip_frame", "nokey")), fast.toString());
        TestMedia.run(fast);
        String k = TestMedia.show(key, "v:0", "stream=codec_name,width,height");
        assertTrue(k.contains("codec_name=mjpeg") && k.contains("width=160") && k.contains("height=120"), k);
    }

    @Test
    void vp9PieceUsesLibvpxWithTheSameGrid(@TempDir Path dir) throws Exception {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        Path source = TestMedia.video(dir.resolve("src.mp4"), 320, 240, "25", 4, false, 25);
        RenditionSpec spec = LadderPlanner.plan(Ladder.VP9_DEFAULT, 320, 240).get(0);
        Path out = dir.resolve("vp9.mkv");
        // the whole file as one piece starting at 0 (the mp4 source is not a piece, so remux it as one first)
        TestMedia.run(commands.segment(source, "mov", 100, dir.resolve("one-%03d.mkv"), dir.resolve("one.csv")));
        TestMedia.run(commands.encodePiece(dir.resolve("one-000.mkv"), 0, List.of(new FfmpegCommands.PieceOutput(spec, out)),
                new FfmpegCommands.EncoderOptions("ultrafast", GOP, new Rational(25, 1), 240)));
        assertTrue(TestMedia.show(out, "v:0", "stream=codec_name").contains("codec_name=vp9"));
        assertEquals(List.of(0.0, 2.0), TestMedia.keyframeTimes(out));
    }

    @Test
    void everyInputIsWhitelistedForcedAndFilePrefixed() {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        Path evil = Path.of("http:", "evil|name.mp4");
        for (List<String> c : List.of(commands.encodeAudio(evil, "mov", Path.of("a.m4a")),
                commands.thumbnail(evil, "mov", 1, 160, Path.of("t.jpg")),
                commands.segment(evil, "mov", 2, Path.of("p-%05d.mkv"), Path.of("l.csv")),
                commands.decodeTail(evil, "mov", 3))) {
            int i = c.indexOf("-i");
            assertEquals("file:" + evil.toAbsolutePath().normalize(), c.get(i + 1));
            assertEquals("mov", c.get(i - 1));
            assertEquals("-f", c.get(i - 2));
            assertEquals("file", c.get(c.indexOf("-protocol_whitelist") + 1));
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> commands.encodeAudio(evil, "hls", Path.of("a.m4a")));
    }
}
