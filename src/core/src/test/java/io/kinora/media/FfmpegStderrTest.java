package io.kinora.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FFmpeg at info level with -benchmark: the CPU seconds are read, and only errors reach a failure message. */
class FfmpegStderrTest {

    @Test
    void keepsErrorsWithoutTheirTagAndReadsTheBenchLine() {
        FfmpegStderr f = new FfmpegStderr();
        assertNull(f.apply("[info] Stream mapping:"));
        assertNull(f.apply("[libx264 @ 0x5584e80db580] [info] using cpu capabilities: MMX2"));
        assertNull(f.apply("  continuation of an info message"));
        assertNull(f.apply("[info] bench: utime=1.250s stime=0.125s rtime=0.900s"));
        assertNull(f.apply("[info] bench: maxrss=72700KiB"));
        assertEquals("[in#0 @ 0x558a18dbfc00] Error opening input: No such file or directory",
                f.apply("[in#0 @ 0x558a18dbfc00] [error] Error opening input: No such file or directory"));
        assertEquals("    Last message repeated 2 times", f.apply("    Last message repeated 2 times"));
        assertEquals("Error opening input files", f.apply("[fatal] Error opening input files"));
        assertNull(f.apply("[AVFilterGraph @ 0x1] [Parsed_scale_0 @ 0x2] [warning] deprecated pixel format"));
        assertEquals(1.25, f.userSeconds());
        assertEquals(0.125, f.systemSeconds());
    }

    @Test
    void untaggedOutputPassesAndNoBenchLineIsNoCpuTime() {
        FfmpegStderr f = new FfmpegStderr();
        assertEquals("[Parsed_psnr_0 @ 0x1] PSNR y:40 average:41", f.apply("[Parsed_psnr_0 @ 0x1] PSNR y:40 average:41"));
        assertNull(f.userSeconds());
    }

    @Test
    void aRealRunReportsItsCpuAndOnlyItsErrors(@TempDir Path dir) {
        FfmpegCommands commands = new FfmpegCommands(TestMedia.ffmpeg());
        Path source = TestMedia.video(dir.resolve("s.mp4"), 320, 180, "25", 4, true, 25);
        FfmpegStderr ok = new FfmpegStderr();
        ProcessResult r = new ProcessRunner().run(commands.encodeAudio(source, "mov", dir.resolve("a.m4a")),
                TestMedia.ffmpeg().environment(), Duration.ofMinutes(1), null, ok).requireSuccess("audio");
        assertEquals("", r.stderrTail(), "nothing below error level");
        assertTrue(ok.userSeconds() + ok.systemSeconds() > 0, "CPU seconds: " + ok.userSeconds() + " + " + ok.systemSeconds());

        FfmpegStderr failing = new FfmpegStderr();
        ProcessResult bad = new ProcessRunner().run(commands.encodeAudio(dir.resolve("missing.mp4"), "mov",
                dir.resolve("b.m4a")), TestMedia.ffmpeg().environment(), Duration.ofMinutes(1), null, failing);
        FfmpegException e = assertThrows(FfmpegException.class, () -> bad.requireSuccess("audio"));
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        assertFalse(e.getMessage().contains("[error]") || e.getMessage().contains("bench:"), e.getMessage());
    }
}
