package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Management;
import io.kinora.it.support.Media;
import io.kinora.it.support.NodeScript;
import io.kinora.it.support.TestMedia;
import io.kinora.it.support.Videos;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Automatic captions from real speech (issue 18): known English sentences spoken by Debian's festival with the
 * HTS voice cmu_us_slt_arctic_hts, muxed with generated video, uploaded with autoCaptions=true and recognized by the
 * real pocketsphinx in the real server. Checks: a WebVTT track marked automatic (JSON, master playlist, player
 * menu in chromium), cue rules, cue times inside the spoken spans (±0.5 s), word error rate ≤ 25 % (printed); the
 * owner replaces the track; the captions job of its own; a failing recognizer leaves the video COMPLETED with a note.
 */
class AutoCaptionsIT extends AgainstTheServer {
    /** Short everyday sentences; about 20 s with the pauses. */
    static final List<String> SCRIPT = List.of(
            "Good morning and welcome to the video.",
            "Today we will look at the weather.",
            "It will be sunny in the north.",
            "Thank you for watching and have a nice day.");
    static final double LEAD_SECONDS = 1.0;
    static final double PAUSE_SECONDS = 1.5;
    static final double TOLERANCE = 0.5;

    private final Api api = Api.local();

    record Span(double start, double end) { }

    record VttCue(double start, double end, List<String> lines) { }

    @Test
    void speechBecomesAnAutomaticTrackThatTheOwnerCanReplace() throws Exception {
        Path dir = Files.createDirectories(TestMedia.workDir().resolve("auto-captions"));
        List<Span> spans = new ArrayList<>();
        Path video = spokenVideo(dir, spans);

        String token = api.newUser("autocaptions");
        String[] auth = Api.bearer(token);
        Videos videos = new Videos(api, token);
        Api.Reply bad = api.sendBytes("POST", "/api/v1/videos?autoCaptions=maybe", Files.readAllBytes(video), "video/mp4", auth);
        assertEquals(400, bad.status(), bad.body());
        assertEquals("invalid-auto-captions", bad.json().getString("code"));
        // a video that says no: its captions step records that, and makes nothing
        String quiet = videos.upload(Media.generateTone(dir.resolve("no-captions.mp4"), 320, 240, 2, 550),
                "visibility=UNLISTED&autoCaptions=false").getString("id");
        String id = videos.upload(video, "visibility=UNLISTED&autoCaptions=true&captionsLang=en").getString("id");
        String base = "/api/v1/videos/" + id;
        videos.awaitStatus(id, Duration.ofMinutes(3), "COMPLETED", "FAILED");
        JsonObject auto = awaitAutoCaptions(videos, id, Duration.ofMinutes(3));
        assertEquals("DONE", auto.getString("state"), auto.toString());
        assertEquals("pocketsphinx", auto.getString("engine"));
        assertEquals("en", auto.getString("lang"));
        assertTrue(auto.getBoolean("requested"));
        JsonObject no = awaitAutoCaptions(videos, quiet, Duration.ofMinutes(2));
        assertEquals("SKIPPED", no.getString("state"), no.toString());
        assertFalse(no.getBoolean("requested"));
        assertEquals("automatic captions were not asked for", no.getString("note"));
        assertEquals(0, videos.get(quiet).getJsonArray("captions").size());
        JsonObject v = videos.get(id);
        assertEquals("COMPLETED", v.getString("status"));
        assertEquals(1, v.getJsonArray("captions").size(), v.toString());
        assertEquals("en", v.getJsonArray("captions").getJsonObject(0).getString("lang"));
        assertTrue(v.getJsonArray("captions").getJsonObject(0).getBoolean("automatic"), v.toString());

        String master = api.get(base + "/hls/master.m3u8", auth).body();
        assertTrue(master.contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"en (automatic)\",LANGUAGE=\"en\""), master);
        Api.Reply vtt = api.get(base + "/hls/captions/en.vtt", auth);
        assertEquals(200, vtt.status());
        assertTrue(vtt.body().startsWith("WEBVTT\n\nNOTE automatic captions (pocketsphinx)"), vtt.body());
        List<VttCue> cues = parse(vtt.body());
        assertFalse(cues.isEmpty(), vtt.body());

        System.out.println("AutoCaptionsIT: spoken " + spans + "\n  cues " + cues);
        double previousEnd = 0;
        for (VttCue c : cues) {
            assertTrue(c.lines().size() <= 2 && c.lines().stream().allMatch(l -> l.length() <= 42), "two lines of 42: " + c);
            assertTrue(c.end() - c.start() <= 7.0 + 1e-6, "at most 7 s: " + c);
            assertTrue(c.end() - c.start() >= 1.0 - 1e-6, "at least 1 s (the sentences are apart): " + c);
            assertTrue(c.start() >= previousEnd - 1e-6, "no overlap: " + c);
            previousEnd = c.end();
            assertTrue(spans.stream().anyMatch(s -> c.start() >= s.start() - TOLERANCE && c.end() <= s.end() + TOLERANCE),
                    "cue " + c + " inside a spoken span (±" + TOLERANCE + " s) of " + spans);
        }
        for (Span s : spans) {
            assertTrue(cues.stream().anyMatch(c -> c.start() < s.end() && c.end() > s.start()), "every sentence has a cue: " + s + " " + cues);
        }
        List<String> reference = words(String.join(" ", SCRIPT));
        List<String> heard = words(String.join(" ", cues.stream().flatMap(c -> c.lines().stream()).toList()));
        double wer = (double) distance(reference, heard) / reference.size();
        System.out.printf(Locale.ROOT, "AutoCaptionsIT: WER %.1f %% (%d reference words)%n  script: %s%n  heard:  %s%n",
                100 * wer, reference.size(), String.join(" ", reference), String.join(" ", heard));
        assertTrue(wer <= 0.25, "word error rate " + wer + ": " + heard);

        // the player lists the track as automatic, and choosing it loads its cues
        JsonObject ui = NodeScript.run("captions-scenario.cjs", "playwright-core", Duration.ofMinutes(3),
                api.base(), id, NodeScript.screenshots().toString());
        assertFalse(ui.containsKey("error"), ui.toString());
        assertEquals(List.of(), ui.getJsonArray("pageErrors").getValuesAs(JsonString::getString));
        assertTrue(ui.getBoolean("menuVisible"));
        assertEquals(List.of("Off", "en (automatic)"), ui.getJsonArray("options").getValuesAs(JsonString::getString));
        assertEquals(cues.size(), ui.getJsonObject("track").getInt("cues"), ui.toString());
        assertEquals("en", ui.getJsonObject("track").getString("language"));

        // the owner replaces it: an upload of the same language is theirs, no longer automatic
        String own = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nMy own words\n";
        assertEquals(204, api.sendBytes("PUT", base + "/captions/en", own.getBytes(StandardCharsets.UTF_8), "text/vtt", auth).status());
        v = videos.get(id);
        assertFalse(v.getJsonArray("captions").getJsonObject(0).getBoolean("automatic"), v.toString());
        assertEquals("REPLACED", v.getJsonObject("autoCaptions").getString("state"));
        assertEquals(own, api.get(base + "/hls/captions/en.vtt", auth).body());
        master = api.get(base + "/hls/master.m3u8", auth).body();
        assertTrue(master.contains("NAME=\"en\",LANGUAGE=\"en\""), master);
        Api.Reply kept = api.send("POST", base + "/captions/auto", null, null, auth);
        assertEquals(409, kept.status(), kept.body());
        assertEquals("captions-exist", kept.json().getString("code"));
        assertEquals(400, api.send("POST", base + "/captions/auto?lang=not+a+tag", null, null, auth).json().getInt("status"));
        Api.Reply stranger = api.send("POST", base + "/captions/auto", null, null, Api.bearer(api.newUser("stranger")));
        assertEquals(403, stranger.status(), stranger.body());
        assertEquals("not-owner", stranger.json().getString("code"));
        assertEquals(204, api.send("DELETE", base + "/captions/en", null, null, auth).status());

        Path failing = dir.resolve("failing-recognizer");
        Files.writeString(failing, "#!/bin/sh\necho 'model not found' >&2\nexit 7\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            // no recognizer: refused at once, and health says why
            Management.setSystemProperty("kinora.captions.engine", "none");
            Api.Reply none = api.send("POST", base + "/captions/auto", null, null, auth);
            assertEquals(503, none.status(), none.body());
            assertEquals("captions-unavailable", none.json().getString("code"));
            String admin = api.token(Api.ADMIN, Api.ADMIN_PASSWORD);
            String health = api.get("/api/health", Api.bearer(admin)).body();
            assertTrue(health.contains("automatic captions skipped: automatic captions are off"), health);

            // a recognizer that fails: the job of its own ends, the video stays COMPLETED without captions, with a note
            Management.setSystemProperty("kinora.captions.engine", "command");
            Management.setSystemProperty("kinora.captions.command", failing.toString());
            Api.Reply started = api.send("POST", base + "/captions/auto", null, null, auth);
            assertEquals(202, started.status(), started.body());
            // the answer shows the job on its way: queued, or already running when its first step was quicker
            assertTrue(java.util.Set.of("QUEUED", "RUNNING").contains(started.json().getString("state")), started.body());
            auto = awaitAutoCaptions(videos, id, Duration.ofMinutes(2));
            assertEquals("FAILED", auto.getString("state"), auto.toString());
            assertEquals("the captions command failed (exit 7); the video plays without automatic captions", auto.getString("note"));
            v = videos.get(id);
            assertEquals("COMPLETED", v.getString("status"));
            assertEquals(0, v.getJsonArray("captions").size());
            assertFalse(api.get(base + "/hls/master.m3u8", auth).body().contains("SUBTITLES"));
        } finally {
            Management.removeSystemProperty("kinora.captions.engine");
            Management.removeSystemProperty("kinora.captions.command");
        }
        String health = api.get("/api/health", Api.bearer(api.token(Api.ADMIN, Api.ADMIN_PASSWORD))).body();
        assertTrue(health.contains("automatic captions by pocketsphinx"), health);

        // asked for again on the published video: its own small job, pocketsphinx this time, in 10 s chunks that
        // overlap by 4 s (two chunks for this speech): the words at the seam are kept once
        Api.Reply again;
        try {
            Management.setSystemProperty("kinora.captions.chunk-seconds", "10");
            Management.setSystemProperty("kinora.captions.chunk-overlap-seconds", "4");
            again = api.send("POST", base + "/captions/auto?lang=en", null, null, auth);
            assertEquals(202, again.status(), again.body());
            Api.Reply twice = api.send("POST", base + "/captions/auto", null, null, auth);
            assertEquals(409, twice.status(), "one at a time: " + twice.body());
            assertEquals("auto-captions-running", twice.json().getString("code"));
            auto = awaitAutoCaptions(videos, id, Duration.ofMinutes(2));
        } finally {
            Management.removeSystemProperty("kinora.captions.chunk-seconds");
            Management.removeSystemProperty("kinora.captions.chunk-overlap-seconds");
        }
        assertEquals("DONE", auto.getString("state"), auto.toString());
        List<VttCue> chunked = parse(api.get(base + "/hls/captions/en.vtt", auth).body());
        List<String> heardInChunks = words(String.join(" ", chunked.stream().flatMap(c -> c.lines().stream()).toList()));
        double chunkedWer = (double) distance(reference, heardInChunks) / reference.size();
        System.out.printf(Locale.ROOT, "AutoCaptionsIT: in 10 s chunks WER %.1f %%: %s%n", 100 * chunkedWer, String.join(" ", heardInChunks));
        assertTrue(chunkedWer <= 0.25, "word error rate in chunks " + chunkedWer + ": " + heardInChunks);
        assertEquals(reference.size(), heardInChunks.size(), "no word lost or doubled at the seam: " + heardInChunks);
        assertTrue(api.get(base + "/hls/master.m3u8", auth).body().contains("NAME=\"en (automatic)\""));
    }

    /** Polls the video's autoCaptions until it is DONE, SKIPPED or FAILED. */
    private static JsonObject awaitAutoCaptions(Videos videos, String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            JsonObject v = videos.get(id);
            last = v.containsKey("autoCaptions") ? v.getJsonObject("autoCaptions") : null;
            if (last != null && List.of("DONE", "SKIPPED", "FAILED").contains(last.getString("state"))) return last;
            Videos.sleep(300);
        }
        throw new AssertionError("automatic captions of " + id + " did not end in " + timeout + ": " + last);
    }

    /**
     * The script read by festival, sentence by sentence, laid out as 16 kHz speech with a lead and pauses, muxed with
     * a test pattern; {@code spans} gets where each sentence is audible (first to last sample above the noise floor).
     */
    static Path spokenVideo(Path dir, List<Span> spans) throws IOException, InterruptedException {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        pcm.write(new byte[(int) (LEAD_SECONDS * 32000)]);
        for (int i = 0; i < SCRIPT.size(); i++) {
            Path text = dir.resolve("s" + i + ".txt");
            Path wav = dir.resolve("s" + i + ".wav");
            Files.writeString(text, SCRIPT.get(i) + "\n");
            run(List.of("text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", wav.toString(), text.toString()));
            Path raw = dir.resolve("s" + i + ".raw");
            Media.ok("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-ac", "1", "-ar", "16000", "-f", "s16le", raw.toString());
            byte[] samples = Files.readAllBytes(raw);
            ShortBuffer s = ShortBuffer.of(samples);
            double offset = pcm.size() / 32000.0;
            spans.add(new Span(offset + s.first() / 16000.0, offset + s.last() / 16000.0));
            pcm.write(samples);
            pcm.write(new byte[(int) (PAUSE_SECONDS * 32000)]);
        }
        Path speech = dir.resolve("speech.raw");
        Files.write(speech, pcm.toByteArray());
        double seconds = pcm.size() / 32000.0;
        Path out = dir.resolve("spoken.mp4");
        Media.ok("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "s16le", "-ar", "16000", "-ac", "1", "-i", speech.toString(),
                "-t", String.format(Locale.ROOT, "%.3f", seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-g", "50", "-c:a", "aac", "-ar", "48000", "-b:a", "96k", out.toString());
        return out;
    }

    /** First and last sample louder than the noise floor. */
    private record ShortBuffer(short[] s) {
        static ShortBuffer of(byte[] bytes) {
            short[] s = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
            return new ShortBuffer(s);
        }

        int first() {
            for (int i = 0; i < s.length; i++) if (Math.abs(s[i]) > 300) return i;
            throw new AssertionError("festival wrote silence");
        }

        int last() {
            for (int i = s.length - 1; i >= 0; i--) if (Math.abs(s[i]) > 300) return i;
            throw new AssertionError("festival wrote silence");
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " missing (apt-get install festival festvox-us-slt-hts; .ci/run does)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), command + " hung");
        assertEquals(0, p.exitValue(), command + ": " + out);
    }

    static List<VttCue> parse(String vtt) {
        List<VttCue> cues = new ArrayList<>();
        String[] blocks = vtt.split("\n\n");
        for (String block : blocks) {
            String[] lines = block.strip().split("\n");
            if (lines.length < 2 || !lines[0].contains("-->")) continue;
            String[] t = lines[0].split("\\s*-->\\s*");
            cues.add(new VttCue(seconds(t[0]), seconds(t[1].split("\\s")[0]), List.of(Arrays.copyOfRange(lines, 1, lines.length))));
        }
        return cues;
    }

    static double seconds(String time) {
        double s = 0;
        for (String part : time.split(":")) s = s * 60 + Double.parseDouble(part);
        return s;
    }

    static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").split("\\s+"))
                .filter(w -> !w.isEmpty()).toList();
    }

    /** Word-level Levenshtein distance: substitutions + deletions + insertions. */
    static int distance(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) prev[j] = j;
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1));
            }
            int[] x = prev; prev = cur; cur = x;
        }
        return prev[b.size()];
    }
}
