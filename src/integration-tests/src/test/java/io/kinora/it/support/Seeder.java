package io.kinora.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The seeding peer of the torrent tests: a real libtorrent session on 127.0.0.1 ({@link SeederMain}), in a JVM the
 * test starts (with libjsig preloaded; see SeederMain for why not in the test JVM itself) and stops.
 */
public final class Seeder implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final OutputStream in;
    private final int port;

    public record Seeded(byte[] torrent, String infoHash, String name) { }

    public Seeder() throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = codeSource(SeederMain.class) + java.io.File.pathSeparator + codeSource(org.libtorrent4j.LibTorrent.class);
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx128m",
                "-Dlibtorrent4j.jni.path=" + System.getProperty("libtorrent4j.jni.path"), "-cp", cp, SeederMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        Path jsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        if (Files.isRegularFile(jsig)) pb.environment().put("LD_PRELOAD", jsig.toString());
        process = pb.start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = process.getOutputStream();
        String first = out.readLine();
        if (first == null || !first.startsWith("port ")) throw new IOException("seeder did not start: " + first);
        port = Integer.parseInt(first.substring(5).strip());
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() { return port; }

    /** x.pe value of this seeder. */
    public String peer() { return "127.0.0.1:" + port; }

    /** Creates a torrent of a file or directory with libtorrent (optional trackers) and seeds it. */
    public synchronized Seeded seed(Path content, List<String> trackers, int uploadLimitBytesPerSecond) throws IOException {
        in.write(("seed " + content.toAbsolutePath() + "\t" + String.join(",", trackers) + "\t" + uploadLimitBytesPerSecond
                + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String reply = out.readLine();
        if (reply == null || !reply.startsWith("ok ")) throw new IOException("seeding failed: " + reply);
        String[] f = reply.substring(3).split("\t");
        return new Seeded(Files.readAllBytes(Path.of(f[0])), f[1], f[2]);
    }

    public String magnet(Seeded s) {
        return "magnet:?xt=urn:btih:" + s.infoHash() + "&dn=" + s.name().replace(" ", "%20") + "&x.pe=" + peer();
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
