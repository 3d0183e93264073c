package io.kinora.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/** Makes the configured {@link ObjectStore} injectable; the choosing lives in {@link #create}. */
@ApplicationScoped
public class ObjectStoreProducer {

    private static final Logger LOG = Logger.getLogger(ObjectStoreProducer.class.getName());

    @Inject
    Config config;

    @Produces
    @ApplicationScoped
    ObjectStore objectStore() {
        StorageConfig storage = StorageConfig.from(config);
        LOG.info(() -> "object store: " + storage);
        try {
            return create(storage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the object store " + storage, e);
        }
    }

    void close(@Disposes ObjectStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing the object store failed", e);
            }
        }
    }

    /** Opens the store a configuration describes; S3 buckets are created if missing. */
    public static ObjectStore create(StorageConfig config) throws IOException {
        return switch (config.type()) {
            case FILESYSTEM -> new FilesystemObjectStore(config.fsRoot());
            case S3 -> S3ObjectStore.connect(config.s3Endpoint(), config.s3Region(), config.s3AccessKey(),
                    config.s3SecretKey(), config.s3Bucket());
        };
    }
}
