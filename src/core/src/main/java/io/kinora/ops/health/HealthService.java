package io.kinora.ops.health;

import jakarta.annotation.Resource;
import io.kinora.captions.Availability;
import io.kinora.captions.SpeechEngines;
import io.kinora.media.FfmpegLocator;
import io.kinora.storage.ObjectStore;
import io.kinora.storage.StoreHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Checks what Kinora cannot work without: database, broker, object store, FFmpeg; and says which speech recognizer it has. */
@ApplicationScoped
public class HealthService {
    @Resource(lookup = "java:jboss/datasources/KinoraDS")
    DataSource dataSource;

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/queue/KinoraIngest")
    Queue ingestQueue;

    @Inject
    ObjectStore store;

    @Inject
    FfmpegLocator ffmpeg;

    @Inject
    SpeechEngines engines;

    @Inject
    io.kinora.security.application.OidcDiagnostics sso;

    public List<HealthCheckResult> checkAll() {
        List<HealthCheckResult> results = new ArrayList<>();
        results.add(guarded("database", this::database));
        results.add(guarded("jms", this::jms));
        results.add(guarded("storage", this::storage));
        results.add(guarded("ffmpeg", this::ffmpeg));
        // the company's SSO provider, when one is configured: reported, but its outage does not take the node out
        sso.health().ifPresent(h -> results.add(HealthCheckResult.optional("sso", h.up(), h.detail())));
        results.add(guarded("captions", this::captions));
        return results;
    }

    /**
     * The speech recognizer of automatic captions: which one, or why there is none. Always UP: without a recognizer
     * Kinora works, the captions step is skipped and says why.
     */
    private HealthCheckResult captions() {
        Availability a = engines.current();
        return HealthCheckResult.optional("captions", true, a.engine().isPresent()
                ? "automatic captions by " + a.description() + (io.kinora.captions.AutoCaptions.onByDefault() ? ", on for every upload" : ", on request")
                : "automatic captions skipped: " + a.description());
    }

    private HealthCheckResult storage() {
        StoreHealth h = store.check();
        return new HealthCheckResult("storage", h.ok(), store.kind() + ": " + h.message());
    }

    private HealthCheckResult ffmpeg() {
        String version = ffmpeg.version();
        boolean x264 = ffmpeg.encoders().contains("libx264");
        return new HealthCheckResult("ffmpeg", x264, "FFmpeg " + version + " (" + ffmpeg.installation().origin() + ")"
                + (x264 ? "" : ", libx264 missing"));
    }

    private HealthCheckResult database() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2)
                    ? HealthCheckResult.up("database", c.getMetaData().getDatabaseProductName())
                    : HealthCheckResult.down("database", "connection not valid");
        }
    }

    private HealthCheckResult jms() throws Exception {
        try (JMSContext ctx = connectionFactory.createContext()) {
            try (var browser = ctx.createBrowser(ingestQueue)) {
                browser.getEnumeration();
            }
            return HealthCheckResult.up("jms", "queue " + ingestQueue.toString());
        }
    }

    interface Check { HealthCheckResult run() throws Exception; }

    static HealthCheckResult guarded(String name, Check check) {
        try {
            return check.run();
        } catch (Exception | LinkageError e) {
            return HealthCheckResult.down(name, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
