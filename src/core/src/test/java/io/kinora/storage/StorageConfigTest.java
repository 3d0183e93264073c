package io.kinora.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageConfigTest {

    private static StorageConfig config(Map<String, String> values) {
        return StorageConfig.from(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void defaultsToFilesystemUnderTheDataDir() {
        StorageConfig c = config(Map.of());
        assertEquals(StorageConfig.Type.FILESYSTEM, c.type());
        assertEquals(Path.of("./kinora-data/objects"), c.fsRoot());

        assertEquals(Path.of("/srv/kinora/objects"), config(Map.of("kinora.data.dir", "/srv/kinora")).fsRoot());
        assertEquals(Path.of("/mnt/media"), config(Map.of("kinora.data.dir", "/srv/kinora",
                "kinora.storage.fs.root", "/mnt/media")).fsRoot());
    }

    @Test
    void s3WithDefaultsForBucketAndRegion() {
        StorageConfig c = config(Map.of("kinora.storage.type", "S3", "kinora.s3.endpoint", "http://minio:9000",
                "kinora.s3.access-key", "ak", "kinora.s3.secret-key", "sk"));
        assertEquals(StorageConfig.Type.S3, c.type());
        assertEquals("http://minio:9000", c.s3Endpoint());
        assertEquals("kinora", c.s3Bucket());
        assertEquals("us-east-1", c.s3Region());
        assertFalse(c.toString().contains("sk"), "the secret key never reaches logs: " + c);
    }

    @Test
    void s3NeedsEndpointAndCredentials() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("kinora.storage.type", "s3", "kinora.s3.access-key", "ak",
                        "kinora.s3.secret-key", "sk")));
        assertTrue(e.getMessage().contains("kinora.s3.endpoint"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config(Map.of("kinora.storage.type", "s3",
                "kinora.s3.endpoint", "http://x", "kinora.s3.access-key", "ak", "kinora.s3.secret-key", " ")));
    }

    @Test
    void unknownTypeIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("kinora.storage.type", "gcs")));
        assertTrue(e.getMessage().contains("gcs"));
    }

    @Test
    void producerOpensFilesystemStore(@TempDir Path tmp) throws Exception {
        ObjectStore store = ObjectStoreProducer.create(StorageConfig.filesystem(tmp.resolve("objects")));
        assertInstanceOf(FilesystemObjectStore.class, store);
        assertEquals("filesystem", store.kind());
        assertTrue(store.check().ok());
    }
}
