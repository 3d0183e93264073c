package io.kinora.storage;

import io.kinora.testsupport.S3ProxyServer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract, plus what only S3 does (presigned URLs), against a real S3 server. */
class S3ObjectStoreTest extends ObjectStoreContractTest {

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    ObjectStore newStore() throws Exception {
        return S3.newStore();
    }

    @Override
    boolean serverTracksUploads() {
        return false; // s3proxy 4.1.0 + jclouds filesystem: ListParts of an unknown upload is an empty 200
    }

    @AfterEach
    void closeStore() throws Exception {
        ((S3ObjectStore) store).close();
    }

    @Test
    void browserUploadsPartsToPresignedUrls() throws Exception {
        String key = "uploads/direct/original.mp4";
        byte[] part1 = bytes(5 * MIB + 1, 50);
        byte[] part2 = bytes(300_000, 51);
        String id = store.createMultipart(key, "video/mp4");

        // what the browser does: plain PUTs of the part bytes, no credentials of its own
        for (int n = 1; n <= 2; n++) {
            URI url = store.presignPart(key, id, n, Duration.ofMinutes(10)).orElseThrow();
            assertTrue(url.getQuery().contains("partNumber=" + n) && url.getQuery().contains("uploadId="), url.toString());
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(n == 1 ? part1 : part2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(md5Hex(n == 1 ? part1 : part2),
                    response.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
        }

        // what Kinora does when the browser reports it is done: trust the server's list, not the client
        List<PartInfo> parts = store.listParts(key, id);
        assertEquals(List.of(1, 2), parts.stream().map(PartInfo::partNumber).toList());
        assertEquals(List.of((long) part1.length, (long) part2.length), parts.stream().map(PartInfo::size).toList());
        store.completeMultipart(key, id, parts);

        byte[] whole = concat(part1, part2);
        assertEquals(sha256(whole), sha256(store.get(key)));
        assertEquals(whole.length, store.stat(key).orElseThrow().size());
    }

    @Test
    void presignedPartUrlIsBoundToItsPart() throws Exception {
        String key = "uploads/direct/a.bin";
        String id = store.createMultipart(key, null);
        URI url = store.presignPart(key, id, 1, Duration.ofMinutes(10)).orElseThrow();
        URI tampered = URI.create(url.toString().replace("partNumber=1", "partNumber=2"));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tampered)
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode(), "the signature covers the part number: " + response.body());
        assertEquals(List.of(), store.listParts(key, id));
    }

    @Test
    void presignedGetServesRanges() throws Exception {
        byte[] data = bytes(200_000, 60);
        store.put("renditions/v/1080p.mp4", new ByteArrayInputStream(data), data.length, null);
        URI url = store.presignGet("renditions/v/1080p.mp4", Duration.ofMinutes(5)).orElseThrow();

        HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=1000-1999").GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 2000), range.body());
        assertEquals("bytes 1000-1999/200000", range.headers().firstValue("Content-Range").orElseThrow());

        HttpResponse<byte[]> full = http.send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, full.statusCode());
        assertEquals(sha256(data), sha256(full.body()));
        assertEquals("video/mp4", full.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void unsignedRequestsAreRefused() throws Exception {
        store.put("private/a.bin", stream("secret"), -1, null);
        URI signed = store.presignGet("private/a.bin", Duration.ofMinutes(5)).orElseThrow();
        URI unsigned = URI.create(signed.toString().substring(0, signed.toString().indexOf('?')));

        assertEquals(403, http.send(HttpRequest.newBuilder(unsigned).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "the bucket is not public");
    }

    @Test
    void presignTtlMustBeWithinSigV4Limits() {
        assertThrows(IllegalArgumentException.class, () -> store.presignGet("a/b", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> store.presignGet("a/b", Duration.ofDays(8)));
    }

    @Test
    void producerOpensS3StoreAndCreatesItsBucket() throws Exception {
        String bucket = S3ProxyServer.uniqueBucket();
        StorageConfig config = StorageConfig.from(name -> Optional.ofNullable(Map.of(
                "kinora.storage.type", "s3",
                "kinora.s3.endpoint", S3.endpoint(),
                "kinora.s3.access-key", S3ProxyServer.IDENTITY,
                "kinora.s3.secret-key", S3ProxyServer.CREDENTIAL,
                "kinora.s3.bucket", bucket).get(name)));

        try (S3ObjectStore created = assertInstanceOf(S3ObjectStore.class, ObjectStoreProducer.create(config))) {
            assertEquals("s3", created.kind());
            assertEquals(bucket, created.bucket());
            assertTrue(created.check().ok(), created.check().message());
            created.put("x/y.txt", stream("hi"), 2, null);
            assertEquals("hi", readString(created.get("x/y.txt")));
            created.init(); // idempotent: the bucket already exists
        }
    }

    @Test
    void healthIsDownWhenTheServerIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (S3ObjectStore unreachable = new S3ObjectStore(io.minio.MinioAsyncClient.builder()
                .endpoint("http://127.0.0.1:" + closedPort).region("us-east-1")
                .credentials(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL).build(), "kinora")) {
            StoreHealth health = unreachable.check();
            assertFalse(health.ok());
            assertTrue(health.message().contains("unreachable"), health.message());
        }
    }
}
