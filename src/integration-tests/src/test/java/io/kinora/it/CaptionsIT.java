package io.kinora.it;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.it.support.AgainstTheServer;
import io.kinora.it.support.Api;
import io.kinora.it.support.Media;
import io.kinora.it.support.Videos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captions uploaded by the owner become an HLS subtitle rendition that the master playlist announces. */
class CaptionsIT extends AgainstTheServer {
    static final String VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello from Kinora\n";

    @TempDir
    static Path dir;

    private final Api api = Api.local();

    @Test
    void ownerCaptionsArePublishedAsASubtitleRendition() {
        String token = api.newUser("captions");
        String[] auth = Api.bearer(token);
        Videos videos = new Videos(api, token);
        String id = videos.upload(Media.generateTone(dir.resolve("captioned.mp4"), 426, 240, 2, 660), "visibility=UNLISTED")
                .getString("id");
        videos.awaitStatus(id, Duration.ofMinutes(3), "COMPLETED", "FAILED");
        String base = "/api/v1/videos/" + id;

        Api.Reply put = api.sendBytes("PUT", base + "/captions/en", VTT.getBytes(StandardCharsets.UTF_8), "text/vtt", auth);
        assertEquals(204, put.status(), put.body());
        assertEquals("[\"en\"]", api.get(base + "/captions").body());

        String master = api.get(base + "/hls/master.m3u8").body();
        assertTrue(master.contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"en\",LANGUAGE=\"en\""), master);
        assertTrue(master.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF")).allMatch(l -> l.contains("SUBTITLES=\"subs\"")),
                master);
        Api.Reply playlist = api.get(base + "/hls/captions/en.m3u8");
        assertEquals(200, playlist.status());
        assertTrue(playlist.body().contains("en.vtt"), playlist.body());
        Api.Reply vtt = api.get(base + "/hls/captions/en.vtt");
        assertEquals(200, vtt.status());
        assertTrue(vtt.header("Content-Type").orElse("").startsWith("text/vtt"), vtt.headers().toString());
        assertEquals(VTT, vtt.body());
        // an HLS client still reads the whole presentation
        Media.probe(api.base() + base + "/hls/master.m3u8", "-show_entries", "format=duration");

        Api.Reply notVtt = api.sendBytes("PUT", base + "/captions/de", "hello".getBytes(StandardCharsets.UTF_8), "text/vtt", auth);
        assertEquals(400, notVtt.status());
        assertEquals("invalid-captions", notVtt.json().getString("code"));
        Api.Reply badLang = api.sendBytes("PUT", base + "/captions/EN_us..", VTT.getBytes(StandardCharsets.UTF_8), "text/vtt", auth);
        assertEquals(400, badLang.status());
        assertEquals("invalid-language", badLang.json().getString("code"));
        String stranger = api.newUser("stranger");
        Api.Reply foreign = api.sendBytes("PUT", base + "/captions/fr", VTT.getBytes(StandardCharsets.UTF_8), "text/vtt",
                Api.bearer(stranger));
        assertEquals(403, foreign.status(), "an unlisted video is visible, but only its owner may caption it");

        assertEquals(204, api.send("DELETE", base + "/captions/en", null, null, auth).status());
        assertFalse(api.get(base + "/hls/master.m3u8").body().contains("SUBTITLES"));
    }
}
