package io.kinora.storage;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Storage settings. Read from MicroProfile Config in the server, built directly in tests.
 *
 * <pre>
 * kinora.storage.type      filesystem (default) | s3
 * kinora.storage.fs.root   default ${kinora.data.dir}/objects, kinora.data.dir default ./kinora-data
 * kinora.s3.endpoint       required for s3, e.g. http://minio:9000
 * kinora.s3.access-key     required for s3
 * kinora.s3.secret-key     required for s3
 * kinora.s3.bucket         default kinora
 * kinora.s3.region         default us-east-1
 * </pre>
 */
public record StorageConfig(Type type, Path fsRoot, String s3Endpoint, String s3AccessKey, String s3SecretKey,
        String s3Bucket, String s3Region) {

    public enum Type {
        FILESYSTEM, S3
    }

    public static final String DEFAULT_DATA_DIR = "./kinora-data";
    public static final String DEFAULT_BUCKET = "kinora";
    public static final String DEFAULT_REGION = "us-east-1";

    public StorageConfig {
        if (type == Type.FILESYSTEM && fsRoot == null) {
            throw new IllegalArgumentException("filesystem storage needs a root directory");
        }
        if (type == Type.S3) {
            require(s3Endpoint, "kinora.s3.endpoint");
            require(s3AccessKey, "kinora.s3.access-key");
            require(s3SecretKey, "kinora.s3.secret-key");
            require(s3Bucket, "kinora.s3.bucket");
            require(s3Region, "kinora.s3.region");
        }
    }

    public static StorageConfig filesystem(Path root) {
        return new StorageConfig(Type.FILESYSTEM, root, null, null, null, null, null);
    }

    public static StorageConfig s3(String endpoint, String accessKey, String secretKey, String bucket, String region) {
        return new StorageConfig(Type.S3, null, endpoint, accessKey, secretKey, bucket, region);
    }

    public static StorageConfig from(Config config) {
        return from(name -> config.getOptionalValue(name, String.class));
    }

    /** From any lookup, so that the defaults can be tested without a Config implementation. */
    public static StorageConfig from(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> get = name -> lookup.apply(name).map(String::trim).filter(v -> !v.isEmpty());
        String typeName = get.apply("kinora.storage.type").orElse("filesystem");
        Type type = switch (typeName.toLowerCase(Locale.ROOT)) {
            case "filesystem", "fs" -> Type.FILESYSTEM;
            case "s3" -> Type.S3;
            default -> throw new IllegalArgumentException(
                    "kinora.storage.type must be filesystem or s3, not \"" + typeName + "\"");
        };
        if (type == Type.FILESYSTEM) {
            Path root = get.apply("kinora.storage.fs.root").map(Path::of).orElseGet(
                    () -> Path.of(get.apply("kinora.data.dir").orElse(DEFAULT_DATA_DIR)).resolve("objects"));
            return filesystem(root);
        }
        return s3(get.apply("kinora.s3.endpoint").orElse(null),
                get.apply("kinora.s3.access-key").orElse(null),
                get.apply("kinora.s3.secret-key").orElse(null),
                get.apply("kinora.s3.bucket").orElse(DEFAULT_BUCKET),
                get.apply("kinora.s3.region").orElse(DEFAULT_REGION));
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required when kinora.storage.type=s3");
        }
    }

    /** Never prints the secret key, since configs end up in logs. */
    @Override
    public String toString() {
        return type == Type.FILESYSTEM
                ? "StorageConfig[filesystem " + fsRoot + "]"
                : "StorageConfig[s3 " + s3Endpoint + " bucket=" + s3Bucket + " region=" + s3Region
                        + " accessKey=" + s3AccessKey + " secretKey=***]";
    }
}
