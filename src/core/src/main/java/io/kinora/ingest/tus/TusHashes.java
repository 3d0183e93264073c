package io.kinora.ingest.tus;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SHA-256 of each tus upload, computed while its bytes arrive, so the last PATCH does not read gigabytes
 * again. JDK digests cannot be saved, so the running state lives in memory: after a restart (or any doubt) the
 * next PATCH first digests what is already on disk, once.
 */
@ApplicationScoped
public class TusHashes {
    /** A digest of the first {@code covered} bytes of the upload's data file. */
    static final class Running {
        MessageDigest sha;
        long covered;

        Running(MessageDigest sha, long covered) {
            this.sha = sha;
            this.covered = covered;
        }
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** The digest of the file's first {@code offset} bytes: the kept one, or one made by reading them now. */
    Running at(String id, Path data, long offset) throws IOException {
        Running r = running.get(id);
        if (r != null && r.covered == offset) return r;
        MessageDigest sha = newSha256();
        byte[] buf = new byte[1 << 16];
        long left = offset;
        try (InputStream in = Files.newInputStream(data)) {
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) throw new IOException("the upload's data file is shorter than its offset");
                sha.update(buf, 0, n);
                left -= n;
            }
        }
        r = new Running(sha, offset);
        running.put(id, r);
        return r;
    }

    /** Keeps {@code r} only if it covers exactly what is on disk now (a cut or refused body may not). */
    void settle(String id, Running r, long size) {
        if (r.covered != size) running.remove(id, r);
    }

    /** The hex SHA-256 of the whole file of {@code size} bytes. */
    String finish(String id, Path data, long size) throws IOException {
        Running r = at(id, data, size);
        running.remove(id);
        return HexFormat.of().formatHex(r.sha.digest());
    }

    void forget(String id) {
        running.remove(id);
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
