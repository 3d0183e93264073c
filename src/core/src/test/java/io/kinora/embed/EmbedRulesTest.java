package io.kinora.embed;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.problem.ProblemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure rules of embedding: player options, oEmbed sizes and addresses, the CORS origin setting. */
class EmbedRulesTest {
    @Test
    void startTakesSecondsClockTimesAndUnits() {
        assertEquals(90, EmbedOptions.start("90"));
        assertEquals(2.5, EmbedOptions.start("2.5"));
        assertEquals(90, EmbedOptions.start("1:30"));
        assertEquals(3723, EmbedOptions.start("1:02:03"));
        assertEquals(90, EmbedOptions.start("1m30s"));
        assertEquals(3600, EmbedOptions.start("1h"));
        assertEquals(0, EmbedOptions.start(null));
        for (String bad : List.of("soon", "-3", "1:75", "m", "1e3", "1:2")) {
            ProblemException e = assertThrows(ProblemException.class, () -> EmbedOptions.start(bad), bad);
            assertEquals("invalid-embed-option", e.code());
            assertEquals(ProblemException.Kind.INVALID, e.kind());
        }
    }

    @Test
    void flagsAndCaptions() {
        EmbedOptions o = EmbedOptions.parse(Map.of("autoplay", "1", "muted", "true", "loop", "0", "captions", "de-CH")::get);
        assertTrue(o.autoplay() && o.muted() && !o.loop());
        assertEquals("de-ch", o.captions());
        assertThrows(ProblemException.class, () -> EmbedOptions.flag("autoplay", "yes"));
        assertThrows(ProblemException.class, () -> EmbedOptions.captions("<script>"));
        assertEquals(EmbedOptions.DEFAULT, EmbedOptions.parse(k -> null));
    }

    @Test
    void oembedSizeKeepsTheAspectRatioWithinTheMaximum() {
        assertArrayEquals(new int[] {640, 360}, OEmbed.fit(1920, 1080, null, null));
        assertArrayEquals(new int[] {360, 640}, OEmbed.fit(1080, 1920, null, null), "portrait: 640 high");
        assertArrayEquals(new int[] {320, 180}, OEmbed.fit(1920, 1080, 320, null));
        assertArrayEquals(new int[] {160, 90}, OEmbed.fit(1920, 1080, 1000, 90));
        assertArrayEquals(new int[] {640, 360}, OEmbed.fit(1920, 1080, 5000, 5000), "never stretched");
        for (int mw = 1; mw < 700; mw += 7) {
            for (int mh = 1; mh < 700; mh += 11) {
                int[] box = OEmbed.fit(854, 480, mw, mh);
                assertTrue(box[0] <= mw && box[1] <= mh, mw + "x" + mh + " -> " + box[0] + "x" + box[1]);
            }
        }
        assertEquals(720, OEmbed.scaledEvenHeight(1280, 640, 360));
        assertEquals(960, OEmbed.scaledEvenHeight(1280, 480, 360));
    }

    @Test
    void oembedKnowsKinorasAddresses() {
        String id = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assertEquals(new OEmbed.Link(id, 0), OEmbed.link("https://v.example/watch/" + id));
        assertEquals(new OEmbed.Link(id, 0), OEmbed.link("https://v.example/#/watch/" + id));
        assertEquals(new OEmbed.Link(id, 75), OEmbed.link("https://v.example/embed/" + id + "?autoplay=1&start=1:15"));
        assertEquals(new OEmbed.Link(id, 0), OEmbed.link("https://v.example/embed/" + id + "?start=nonsense"));
        for (String bad : List.of("ftp://v.example/watch/" + id, "https://v.example/watch/x", "https://v.example/other/" + id, "::")) {
            assertEquals("not-embeddable", assertThrows(ProblemException.class, () -> OEmbed.link(bad)).code(), bad);
        }
    }

    @Test
    void corsSetting() {
        CrossOrigin.Setting unset = CrossOrigin.parse("");
        assertTrue(unset.any() && !unset.apiAny());
        CrossOrigin.Setting star = CrossOrigin.parse("*");
        assertTrue(star.any() && star.apiAny());
        CrossOrigin.Setting none = CrossOrigin.parse("none");
        assertFalse(none.any() || none.apiAny() || !none.listed().isEmpty());
        CrossOrigin.Setting listed = CrossOrigin.parse("https://Blog.Example/, http://localhost:3000, javascript:alert(1)");
        assertEquals(List.of("https://blog.example", "http://localhost:3000"), listed.listed());
        assertTrue(listed.lists("https://blog.example"));
        assertFalse(listed.lists("https://blog.example.evil"));
        assertFalse(listed.lists(null));
        assertEquals(List.of("range", "if-none-match"), CrossOrigin.headers(" Range ,If-None-Match,"));
    }
}
