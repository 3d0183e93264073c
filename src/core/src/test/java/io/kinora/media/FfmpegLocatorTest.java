package io.kinora.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegLocatorTest {

    private static Path unpacked() {
        return Path.of(System.getProperty(FfmpegLocator.DIR_PROPERTY));
    }

    @Test
    void configuredDirectoryIsUsedVerifiedAndGivenItsLibraryPath() {
        FfmpegLocator locator = new FfmpegLocator(unpacked(), null, null);
        FfmpegInstallation ffmpeg = locator.installation();

        assertEquals("configured", ffmpeg.origin());
        assertEquals("8.0.1", locator.version());
        assertTrue(Files.isExecutable(ffmpeg.ffmpeg()) && Files.isExecutable(ffmpeg.ffprobe()));
        assertTrue(ffmpeg.environment().get("LD_LIBRARY_PATH").startsWith(unpacked().toAbsolutePath().normalize().toString()));
        assertTrue(locator.encoders().containsAll(java.util.Set.of("libx264", "libvpx-vp9", "aac", "mjpeg")),
                locator.encoders().toString());
        assertTrue(locator.hasFilter("scale"));
        assertTrue(locator.hasFilter("fps"));
        assertFalse(locator.hasFilter("no_such_filter"));
    }

    @Test
    void bundledCopyUnderJbossHomeIsFoundAndMadeExecutable(@TempDir Path jbossHome) throws Exception {
        Path bundled = Files.createDirectories(jbossHome.resolve("kinora/ffmpeg"));
        try (var files = Files.list(unpacked())) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().startsWith("libjni")) { // the JNI glue is not needed by the tools
                    Files.copy(f, bundled.resolve(f.getFileName()));
                }
            }
        }
        bundled.resolve("ffmpeg").toFile().setExecutable(false, false);
        bundled.resolve("ffprobe").toFile().setExecutable(false, false);
        assertFalse(Files.isExecutable(bundled.resolve("ffmpeg")));

        FfmpegInstallation ffmpeg = new FfmpegLocator(null, jbossHome, "/nonexistent").installation();

        assertEquals("bundled", ffmpeg.origin());
        assertTrue(Files.isExecutable(bundled.resolve("ffmpeg")));
        assertEquals("8.0.1", ffmpeg.version());
    }

    @Test
    void misconfiguredDirectoryFailsInsteadOfFallingBack(@TempDir Path empty) {
        FfmpegLocator locator = new FfmpegLocator(empty, null, System.getenv("PATH"));
        FfmpegException e = assertThrows(FfmpegException.class, locator::installation);
        assertTrue(e.getMessage().contains(FfmpegLocator.DIR_PROPERTY));
    }

    @Test
    void nothingAnywhereIsAClearError(@TempDir Path empty) {
        FfmpegException e = assertThrows(FfmpegException.class,
                () -> new FfmpegLocator(null, empty, empty.toString()).installation());
        assertTrue(e.getMessage().contains("no FFmpeg found"));
    }
}
