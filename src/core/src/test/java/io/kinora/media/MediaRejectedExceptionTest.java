package io.kinora.media;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Issue 19 (7): a rejection's detail never names a server path (FFmpeg names its input by absolute path). */
class MediaRejectedExceptionTest {
    @Test
    void ffmpegsPathsBecomeInput() {
        String ffprobe = "file:/var/lib/kinora/uploads/0d59/source.bin: Invalid data found when processing input";
        String m = new MediaRejectedException(MediaRejection.NOT_A_VIDEO, ffprobe).getMessage();
        assertEquals("not-a-video: The file is not a recognizable video. (input: Invalid data found when processing input)", m);
        for (String detail : new String[] {"/tmp/x/y.mp4: moov atom not found", "Error opening input file /srv/k/a.mkv.",
                "[mov @ 0x1] stream 0, '/data/up/file.mp4'", "error (/a/b/c)"}) {
            String out = new MediaRejectedException(MediaRejection.TRUNCATED_OR_CORRUPT, detail).getMessage();
            assertFalse(out.matches("(?s).*(^|[\\s'\"(:=])/\\w+/.*"), out);
        }
        assertTrue(new MediaRejectedException(MediaRejection.DIMENSIONS_OUT_OF_RANGE, "30000/1001 fps").getMessage()
                .contains("30000/1001"));
    }
}
