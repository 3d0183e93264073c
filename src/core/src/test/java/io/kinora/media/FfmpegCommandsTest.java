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
    void piecesShowTheirOwnSpanOfTheSourceTimelineAndJoinBack(@TempDir Path dir) throws Exception {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        // 10 s, 640x360, source keyframes every second
        Path source = TestMedia.video(dir.resolve("source.mp4"), 640, 360, "25", 10, true, 25);
        ProbeResult probe = new MediaProbe(TestMedia.ffmpeg(), MediaLimits.DEFAULT).probe(source);
        SourceTimeline timeline = timeline(commands, source, probe);
        List<SourceTimeline.Cut> cuts = timeline.cuts(GOP);
        assertEquals(List.of(2.0, 4.0, 6.0, 8.0), cuts.stream().map(SourceTimeline.Cut::seconds).toList());
        long offset = timeline.offsetSeconds();

        // two passes: files that reach from a cut to the cut after next
        List<Integer> even = List.of(cuts.get(1).packet(), cuts.get(3).packet());
        List<Integer> odd = List.of(cuts.get(0).packet(), cuts.get(2).packet());
        TestMedia.run(commands.segment(source, probe.demuxer(), even, offset, dir.resolve("even-%03d.nut")));
        TestMedia.run(commands.segment(source, probe.demuxer(), odd, offset, dir.resolve("odd-%03d.nut")));
        List<Path> files = List.of(dir.resolve("even-000.nut"), dir.resolve("odd-001.nut"), dir.resolve("even-001.nut"),
                dir.resolve("odd-002.nut"), dir.resolve("even-002.nut"));
        assertEquals(100, TestMedia.videoPackets(files.get(0)).size(), "piece 0's file holds two pieces' packets");

        RenditionSpec p360 = LadderPlanner.plan(Ladder.H264_DEFAULT, probe).stream()
                .filter(s -> s.name().equals("360p")).findFirst().orElseThrow();
        var options = new FfmpegCommands.EncoderOptions("ultrafast", GOP, probe.video().frameRate(),
                probe.video().displayHeight(), 0);
        List<Path> encoded = new ArrayList<>();
        List<Double> durations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            double start = 2.0 * i + offset;
            var span = new FfmpegCommands.PieceSpan(start, i == 4 ? Double.NaN : start + 2, 2.0 * i);
            Path out = dir.resolve("enc-" + i + ".nut");
            TestMedia.run(commands.encodePiece(files.get(i), span, List.of(p360), List.of(new FfmpegCommands.PieceOutput(p360, out)), options));
            List<double[]> packets = TestMedia.videoPackets(out);
            assertEquals(50, packets.size(), "piece " + i + " shows exactly its own frames");
            assertEquals(start, packets.stream().mapToDouble(p -> p[0]).min().orElseThrow(), 0.0001,
                    "piece keeps its source timestamps");
            assertEquals(List.of(start), TestMedia.keyframeTimes(out), "one keyframe, on the grid");
            String stream = TestMedia.show(out, "v:0", "stream=codec_name,width,height,pix_fmt");
            assertTrue(stream.contains("codec_name=h264") && stream.contains("width=640") && stream.contains("height=360")
                    && stream.contains("pix_fmt=yuv420p"), stream);
            assertFalse(TestMedia.show(out, null, "stream=codec_type").contains("audio"));
            encoded.add(out);
            durations.add(2.0);
        }

        // the encoded pieces join back with stream copy into the whole timeline, keyframes every 2 s
        Path concatList = Files.writeString(dir.resolve("join.ffconcat"), FfmpegCommands.concatList(encoded, durations));
        Path joined = dir.resolve("joined.mp4");
        TestMedia.run(commands.joinPieces(concatList, 0, null, 0, joined));
        assertEquals(250, TestMedia.videoPackets(joined).size());
        assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0), TestMedia.keyframeTimes(joined));
    }

    static SourceTimeline timeline(FfmpegCommands commands, Path source, ProbeResult probe) {
        String json = TestMedia.run(commands.streamTimes(source, probe.demuxer())).stdout();
        var m = java.util.regex.Pattern.compile("\"time_base\": \"(\\d+/\\d+)\"").matcher(json);
        assertTrue(m.find(), json);
        return SourceTimeline.parse(Rational.parse(m.group(1)), TestMedia.run(commands.videoPackets(source, probe.demuxer())).stdout());
    }

    /** The whole source as one piece file. */
    static Path onePiece(FfmpegCommands commands, Path source, ProbeResult probe, Path dir) {
        long offset = timeline(commands, source, probe).offsetSeconds();
        TestMedia.run(commands.segment(source, probe.demuxer(), List.of(), offset, dir.resolve("one-%03d.nut")));
        return dir.resolve("one-000.nut");
    }

    @Test
    void onePieceToSeveralRenditionsInOneProcessAlignsAndRepeatsBitExact(@TempDir Path dir) throws Exception {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        Path source = TestMedia.video(dir.resolve("source.mp4"), 640, 360, "25", 6, false, 25);
        ProbeResult probe = new MediaProbe(TestMedia.ffmpeg(), MediaLimits.DEFAULT).probe(source);
        Path piece = onePiece(commands, source, probe, dir);
        var all = new FfmpegCommands.PieceSpan(0, Double.NaN, 0);
        List<RenditionSpec> ladder = LadderPlanner.plan(Ladder.H264_DEFAULT, probe); // 144p, 240p, 360p
        assertEquals(3, ladder.size());
        var options = new FfmpegCommands.EncoderOptions("ultrafast", GOP, probe.video().frameRate(), probe.video().displayHeight(), 0);
        List<List<String>> runs = new ArrayList<>();
        for (String run : List.of("a", "b")) {
            List<FfmpegCommands.PieceOutput> outs = ladder.stream()
                    .map(r -> new FfmpegCommands.PieceOutput(r, dir.resolve(run + "-" + r.name() + ".mkv"))).toList();
            TestMedia.run(commands.encodePiece(piece, all, outs.stream().map(FfmpegCommands.PieceOutput::rendition).toList(), outs, options));
            List<String> hashes = new ArrayList<>();
            for (FfmpegCommands.PieceOutput o : outs) {
                assertEquals(150, TestMedia.videoPackets(o.file()).size(), o.rendition().name());
                assertEquals(List.of(1.0, 3.0, 5.0), TestMedia.keyframeTimes(o.file()), o.rendition().name() + " (pieces are 1 s late)");
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
        List<String> only = commands.encodePiece(piece, all, ladder,
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
        var options = new FfmpegCommands.EncoderOptions("veryfast", GOP, new Rational(25, 1), 1080, 90);
        Path piece = Path.of("p.nut");
        var span = new FfmpegCommands.PieceSpan(4, 8, 4);
        List<RenditionSpec> rest = ladder.subList(1, ladder.size());
        List<String> all = commands.encodePiece(piece, span, rest,
                rest.stream().map(r -> new FfmpegCommands.PieceOutput(r, Path.of(r.name() + ".mkv"))).toList(), options);
        String graph = all.get(all.indexOf("-filter_complex") + 1);
        assertTrue(graph.contains("[c0]scale=1920:1080:flags=bicubic,setsar=1,split[v4][c1]"), graph);
        assertTrue(graph.contains("[c1]scale=1280:720:flags=bicubic,setsar=1,split[v3][c2]"), graph);
        assertTrue(graph.endsWith("[c4]scale=426:240:flags=bicubic,setsar=1[v0]"), graph);
        List<String> lowest = commands.encodePiece(piece, span, List.of(ladder.get(0)),
                List.of(new FfmpegCommands.PieceOutput(ladder.get(0), Path.of("l.mkv"))), options);
        assertEquals("[0:v:0]trim=start=3.9995:end=7.9995,transpose=clock[c0];[c0]scale=256:144:flags=area,setsar=1[v0]",
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
        TestMedia.run(commands.thumbnail(source, "mov", 1.5, 160, thumb, FfmpegCommands.Frame.EXACT));
        assertTrue(Files.size(thumb) > 0, "the literal name is written, %d is not a pattern");
        String t = TestMedia.show(Files.copy(thumb, dir.resolve("thumb.jpg")), "v:0", "stream=codec_name,width,height");
        assertTrue(t.contains("codec_name=mjpeg") && t.contains("width=160") && t.contains("height=120"), t);

        // the keyframe before the instant, decoded alone (the source has a keyframe every second, none after 2 s)
        Path key = dir.resolve("key.jpg");
        List<String> fast = commands.thumbnail(source, "mov", 2.5, 160, key, FfmpegCommands.Frame.KEYFRAME);
        assertTrue(fast.containsAll(List.of("-noaccurate_seek", "-skip_frame", "nokey")), fast.toString());
        TestMedia.run(fast);
        String k = TestMedia.show(key, "v:0", "stream=codec_name,width,height");
        assertTrue(k.contains("codec_name=mjpeg") && k.contains("width=160") && k.contains("height=120"), k);
    }

    /** Speech for recognizers: 16 kHz mono s16le from time 0; sound that starts late is preceded by silence. */
    @Test
    void speechIsSixteenKilohertzMonoPcmOnTheFileTimeline(@TempDir Path dir) throws Exception {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        Path source = TestMedia.video(dir.resolve("src.mp4"), 320, 240, "25", 3, true, 25);
        List<String> c = commands.speechPcm(source, "mov", dir.resolve("speech.pcm"));
        assertTrue(c.containsAll(List.of("-protocol_whitelist", "file", "-format_whitelist", "-f", "mov", "-ac", "1", "-ar", "16000",
                "-c:a", "pcm_s16le", "s16le")), c.toString());
        TestMedia.run(c);
        assertEquals(3 * 32000, Files.size(dir.resolve("speech.pcm")), 32000 * 0.05, "3 s of 16 kHz 16-bit mono");

        // the same sound 1 s later in the file (as a join that keeps an offset writes it): a second of silence first
        Path late = dir.resolve("late.mp4");
        TestMedia.run(List.of(TestMedia.ffmpeg().ffmpeg().toString(), "-v", "error", "-y", "-i", source.toString(),
                "-itsoffset", "1", "-i", source.toString(), "-map", "0:v", "-map", "1:a", "-c", "copy", late.toString()));
        Path pcm = dir.resolve("late.pcm");
        TestMedia.run(commands.speechPcm(late, "mov", pcm));
        byte[] b = Files.readAllBytes(pcm);
        assertEquals(4 * 32000, b.length, 32000 * 0.1, "1 s of silence + 3 s of sound");
        int loud = 0;
        for (int i = 0; i < b.length / 2; i++) {
            if (Math.abs((short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8))) > 1000) { loud = i; break; }
        }
        assertEquals(1.0, loud / 16000.0, 0.05, "the tone starts at 1 s");
    }

    @Test
    void vp9PieceUsesLibvpxWithTheSameGrid(@TempDir Path dir) throws Exception {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        Path source = TestMedia.video(dir.resolve("src.mp4"), 320, 240, "25", 4, false, 25);
        RenditionSpec spec = LadderPlanner.plan(Ladder.VP9_DEFAULT, 320, 240).get(0);
        Path out = dir.resolve("vp9.nut");
        // the whole file as one piece starting at 0 (the mp4 source is not a piece, so remux it as one first)
        ProbeResult probe = new MediaProbe(TestMedia.ffmpeg(), MediaLimits.DEFAULT).probe(source);
        TestMedia.run(commands.encodePiece(onePiece(commands, source, probe, dir), new FfmpegCommands.PieceSpan(0, Double.NaN, 0),
                List.of(spec), List.of(new FfmpegCommands.PieceOutput(spec, out)),
                new FfmpegCommands.EncoderOptions("ultrafast", GOP, new Rational(25, 1), 240, 0)));
        assertTrue(TestMedia.show(out, "v:0", "stream=codec_name").contains("codec_name=vp9"));
        assertEquals(List.of(1.0, 3.0), TestMedia.keyframeTimes(out), "pieces are 1 s late");
    }

    @Test
    void everyInputIsWhitelistedForcedAndFilePrefixed() {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        Path evil = Path.of("http:", "evil|name.mp4");
        for (List<String> c : List.of(commands.encodeAudio(evil, "mov", Path.of("a.m4a")),
                commands.thumbnail(evil, "mov", 1, 160, Path.of("t.jpg"), FfmpegCommands.Frame.EXACT),
                commands.segment(evil, "mov", List.of(), 0, Path.of("p-%05d.nut")),
                commands.decodeTail(evil, "mov", 3))) {
            int i = c.indexOf("-i");
            assertEquals("file:" + evil.toAbsolutePath().normalize(), c.get(i + 1));
            assertEquals("mov", c.get(i - 1));
            assertEquals("-f", c.get(i - 2));
            assertEquals("file", c.get(c.indexOf("-protocol_whitelist") + 1));
        }
        for (List<String> c : List.of(commands.streamTimes(evil, "mov"), commands.videoPackets(evil, "mov"))) {
            assertEquals("file:" + evil.toAbsolutePath().normalize(), c.get(c.size() - 1));
            assertEquals("mov", c.get(c.indexOf("-f") + 1));
            assertEquals("mov", c.get(c.indexOf("-format_whitelist") + 1));
            assertEquals("file", c.get(c.indexOf("-protocol_whitelist") + 1));
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> commands.encodeAudio(evil, "hls", Path.of("a.m4a")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> commands.videoPackets(evil, "concat"));
    }

    @Test
    void outsideATraceFfmpegRunsAtErrorLevelWithoutTheBenchmark() {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        List<String> traced = FfmpegCommands.inBackground(commands.encodeAudio(Path.of("in.mp4"), "mov", Path.of("a.m4a")));
        assertTrue(traced.contains("-benchmark") && traced.contains("level+info"), traced.toString());
        List<String> untraced = FfmpegCommands.untraced(traced);
        assertFalse(untraced.contains("-benchmark") || untraced.contains("level+info"), untraced.toString());
        int v = untraced.indexOf("-v");
        assertEquals("error", untraced.get(v + 1));
        assertEquals(traced.size() - 1, untraced.size(), "only the two flags change: " + untraced);
        assertEquals(traced.subList(traced.indexOf("-y"), traced.size()), untraced.subList(untraced.indexOf("-y"), untraced.size()));
        // a command that needs its info log (the quality report parses it) is left as it is
        List<String> info = List.of("ffmpeg", "-v", "info", "-benchmark", "-i", "x");
        assertEquals(info, FfmpegCommands.untraced(info));
    }
}
