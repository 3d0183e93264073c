package io.kinora.ingest.tus;

import io.kinora.problem.ProblemException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/** The checksum extension: "Upload-Checksum: <algorithm> <base64 digest>" for one PATCH body. */
record TusChecksum(MessageDigest digest, byte[] expected) {
    static final Map<String, String> ALGORITHMS = Map.of("sha1", "SHA-1", "sha256", "SHA-256", "md5", "MD5");

    static TusChecksum parse(String header) {
        if (header == null || header.isBlank()) return null;
        String[] parts = header.strip().split(" ");
        if (parts.length != 2) throw ProblemException.badRequest("invalid-checksum", "Upload-Checksum is '<algorithm> <base64>'");
        String alg = ALGORITHMS.get(parts[0].toLowerCase());
        if (alg == null) {
            throw ProblemException.badRequest("unsupported-checksum-algorithm", "supported: " + String.join(",", ALGORITHMS.keySet()));
        }
        try {
            return new TusChecksum(MessageDigest.getInstance(alg), Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-checksum", "checksum is not base64");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean matches() { return Arrays.equals(digest.digest(), expected); }
}
