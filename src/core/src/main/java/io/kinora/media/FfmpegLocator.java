package io.kinora.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Finds the FFmpeg to use, in this order:
 * <ol>
 *   <li>an explicit directory: config / system property {@code kinora.ffmpeg.dir} (a wrong value fails loudly
 *       rather than silently falling back to some other build);</li>
 *   <li>the copy the server build bundles from the Maven artifact: {@code ${jboss.home.dir}/kinora/ffmpeg};</li>
 *   <li>{@code ffmpeg} and {@code ffprobe} on the PATH.</li>
 * </ol>
 * A directory copy gets LD_LIBRARY_PATH pointing at itself (its libva is not found through RUNPATH) and the
 * executable bit, which Maven unpacking drops. The result is verified with {@code ffmpeg -version} once.
 */
@ApplicationScoped
public class FfmpegLocator {

    public static final String DIR_PROPERTY = "kinora.ffmpeg.dir";
    private static final Logger LOG = Logger.getLogger(FfmpegLocator.class.getName());

    private final Path explicitDir;
    private final Path jbossHome;
    private final String searchPath;
    private volatile FfmpegInstallation installation;

    /** Reads {@code kinora.ffmpeg.dir} from MicroProfile Config when present, else system properties. */
    public FfmpegLocator() {
        this(configuredDir().map(Path::of).orElse(null),
                Optional.ofNullable(System.getProperty("jboss.home.dir")).map(Path::of).orElse(null),
                System.getenv("PATH"));
    }

    /** All inputs explicit, any may be null; for tests and non-container use. */
    public FfmpegLocator(Path explicitDir, Path jbossHome, String searchPath) {
        this.explicitDir = explicitDir;
        this.jbossHome = jbossHome;
        this.searchPath = searchPath;
    }

    /** The verified installation; located on first call. */
    public FfmpegInstallation installation() {
        FfmpegInstallation i = installation;
        if (i == null) {
            synchronized (this) {
                i = installation;
                if (i == null) {
                    installation = i = locate();
                }
            }
        }
        return i;
    }

    public String version() {
        return installation().version();
    }

    public java.util.Set<String> encoders() {
        return installation().encoders();
    }

    public boolean hasFilter(String name) {
        return installation().hasFilter(name);
    }

    private FfmpegInstallation locate() {
        if (explicitDir != null) {
            if (!Files.isRegularFile(explicitDir.resolve("ffmpeg"))) {
                throw new FfmpegException(DIR_PROPERTY + "=" + explicitDir + " has no ffmpeg executable");
            }
            return verified(fromDirectory(explicitDir, "configured")); // what the operator chose, or nothing
        }
        String bundledFailure = null;
        if (jbossHome != null) {
            Path bundled = jbossHome.resolve("kinora").resolve("ffmpeg");
            if (Files.isRegularFile(bundled.resolve("ffmpeg"))) {
                try {
                    return verified(fromDirectory(bundled, "bundled"));
                } catch (FfmpegException e) {
                    // e.g. the Maven artifact's build needs libpulse0 from the OS: a system FFmpeg may still do
                    bundledFailure = e.getMessage();
                    LOG.warning("The bundled FFmpeg does not run here (" + bundledFailure + "); trying the PATH");
                }
            }
        }
        if (searchPath != null) {
            for (String entry : searchPath.split(File.pathSeparator)) {
                if (entry.isEmpty()) {
                    continue;
                }
                Path dir = Path.of(entry);
                if (Files.isExecutable(dir.resolve("ffmpeg")) && Files.isExecutable(dir.resolve("ffprobe"))) {
                    return verified(new FfmpegInstallation(dir.resolve("ffmpeg"), dir.resolve("ffprobe"), Map.of(), "path"));
                }
            }
        }
        throw new FfmpegException("no FFmpeg found: set " + DIR_PROPERTY
                + ", bundle it under ${jboss.home.dir}/kinora/ffmpeg or put ffmpeg and ffprobe on the PATH"
                + (bundledFailure == null ? "" : "; the bundled one failed: " + bundledFailure));
    }

    /** Runs ffmpeg -version once: proves the binary and its libraries load. */
    private static FfmpegInstallation verified(FfmpegInstallation candidate) {
        String version = candidate.version();
        LOG.info(() -> "Using " + candidate + " version " + version);
        return candidate;
    }


    private static FfmpegInstallation fromDirectory(Path dir, String origin) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path ffmpeg = makeExecutable(absolute.resolve("ffmpeg"));
        Path ffprobe = makeExecutable(absolute.resolve("ffprobe"));
        Map<String, String> env = new HashMap<>();
        String existing = System.getenv("LD_LIBRARY_PATH");
        env.put("LD_LIBRARY_PATH", existing == null || existing.isEmpty()
                ? absolute.toString() : absolute + File.pathSeparator + existing);
        return new FfmpegInstallation(ffmpeg, ffprobe, env, origin);
    }

    private static Path makeExecutable(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FfmpegException(file + " is missing");
        }
        if (!Files.isExecutable(file) && !file.toFile().setExecutable(true, false)) {
            throw new FfmpegException(file + " is not executable and its mode cannot be changed");
        }
        return file;
    }

    private static Optional<String> configuredDir() {
        try {
            Optional<String> fromConfig = ConfigProvider.getConfig().getOptionalValue(DIR_PROPERTY, String.class);
            if (fromConfig.isPresent()) {
                return fromConfig;
            }
        } catch (RuntimeException | LinkageError noConfigOutsideTheServer) {
            // plain JVM (tests, tools): no MicroProfile Config implementation; fall through
        }
        return Optional.ofNullable(System.getProperty(DIR_PROPERTY)).filter(s -> !s.isBlank());
    }
}
