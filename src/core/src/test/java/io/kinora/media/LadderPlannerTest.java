package io.kinora.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LadderPlannerTest {

    private static List<String> sizes(List<RenditionSpec> specs) {
        return specs.stream().map(s -> s.width() + "x" + s.height()).toList();
    }

    @Test
    void landscape1080pGetsEveryRungUpTo1080LowestFirst() {
        List<RenditionSpec> plan = LadderPlanner.plan(Ladder.H264_DEFAULT, 1920, 1080);
        assertEquals(List.of("256x144", "426x240", "640x360", "854x480", "1280x720", "1920x1080"), sizes(plan));
        assertEquals(List.of(100, 200, 400, 800, 2000, 4000), plan.stream().map(RenditionSpec::bitrateKbps).toList());
        RenditionSpec top = plan.get(plan.size() - 1);
        assertEquals("1080p", top.name());
        assertEquals(VideoCodec.H264, top.codec());
        assertEquals(6000, top.maxrateKbps());
        assertEquals(8000, top.bufsizeKbps());
    }

    @Test
    void source720pIsNeverUpscaled() {
        List<RenditionSpec> plan = LadderPlanner.plan(Ladder.H264_DEFAULT, 1280, 720);
        assertEquals("1280x720", sizes(plan).get(plan.size() - 1));
        assertEquals(5, plan.size());
    }

    @Test
    void portraitMatchesRungsAgainstTheShortSide() {
        List<RenditionSpec> plan = LadderPlanner.plan(Ladder.H264_DEFAULT, 1080, 1920);
        assertEquals(List.of("144x256", "240x426", "360x640", "480x854", "720x1280", "1080x1920"), sizes(plan));
    }

    @Test
    void oddSizesAreRoundedToEven() {
        List<RenditionSpec> plan = LadderPlanner.plan(Ladder.H264_DEFAULT, 853, 480);
        assertEquals(List.of("256x144", "426x240", "640x360", "854x480"), sizes(plan));
        assertTrue(plan.stream().allMatch(s -> s.width() % 2 == 0 && s.height() % 2 == 0));
    }

    @Test
    void sourceBelowTheLowestRungGetsOneRenditionAtItsOwnSize() {
        List<RenditionSpec> plan = LadderPlanner.plan(Ladder.H264_DEFAULT, 160, 120);
        assertEquals(List.of("160x120"), sizes(plan));
        assertEquals(100, plan.get(0).bitrateKbps());
        assertEquals("120p", plan.get(0).name());
        assertEquals(List.of("130x96"), sizes(LadderPlanner.plan(Ladder.H264_DEFAULT, 131, 97)));
    }

    @Test
    void fourKGetsTheWholeLadderIncluding1440And2160() {
        List<RenditionSpec> plan = LadderPlanner.plan(Ladder.H264_DEFAULT, 3840, 2160);
        assertEquals(8, plan.size());
        assertEquals(List.of("2560x1440", "3840x2160"), sizes(plan).subList(6, 8));
        assertEquals(16000, plan.get(7).bitrateKbps());
        // 1440p only when the source is that large
        assertTrue(sizes(LadderPlanner.plan(Ladder.H264_DEFAULT, 2048, 1152)).stream().noneMatch(s -> s.endsWith("x1440")));
    }

    @Test
    void vp9ProfileHasTheSameSizesAtAboutSeventyPercent() {
        List<RenditionSpec> h264 = LadderPlanner.plan(Ladder.H264_DEFAULT, 1920, 1080);
        List<RenditionSpec> vp9 = LadderPlanner.plan(Ladder.VP9_DEFAULT, 1920, 1080);
        assertEquals(sizes(h264), sizes(vp9));
        assertTrue(vp9.stream().allMatch(s -> s.codec() == VideoCodec.VP9));
        assertEquals(2800, vp9.get(vp9.size() - 1).bitrateKbps());
        assertEquals(70, vp9.get(0).bitrateKbps());
    }

    @Test
    void planFromProbeUsesDisplayOrientation() {
        var rotatedPhone = new ProbeResult.VideoStream(0, "h264", 1920, 1080, new Rational(30, 1), null, "yuv420p",
                null, 90, 2.0);
        var probe = new ProbeResult("mov,mp4,m4a,3gp,3g2,mj2", "mov", 10, 1000, null, rotatedPhone, null);
        List<RenditionSpec> plan = LadderPlanner.plan(Ladder.H264_DEFAULT, probe);
        assertEquals("1080x1920", sizes(plan).get(plan.size() - 1));
    }
}
