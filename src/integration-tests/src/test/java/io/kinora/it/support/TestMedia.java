package io.kinora.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Short test videos made by the server's own bundled FFmpeg; each unique (a random comment) so dedup stays out of the way. */
public final class TestMedia {
    private TestMedia() { }

    public static Path ffmpegDir() {
        return Path.of(System.getProperty("jboss.home"), "kinora", "ffmpeg");
    }

    public static Path workDir() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("kinora.it.data.dir", "target/it-data"), "media"));
    }

    /** An H.264/AAC MP4 of {@code seconds} at 640x360. */
    public static Path video(int seconds) throws IOException {
        return ffmpeg("mp4", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine",
                "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest");
    }

    /** Runs ffmpeg with these input/encoding arguments into a new file with the given extension. */
    public static Path ffmpeg(String ext, String... args) throws IOException {
        Path out = workDir().resolve("m-" + UUID.randomUUID() + "." + ext);
        List<String> cmd = new ArrayList<>(List.of(ffmpegDir().resolve("ffmpeg").toString(), "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-metadata", "comment=" + UUID.randomUUID(), out.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", ffmpegDir().toString());
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) throw new IOException("ffmpeg failed: " + log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
