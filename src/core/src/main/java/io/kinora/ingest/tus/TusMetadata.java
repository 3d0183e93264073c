package io.kinora.ingest.tus;

import io.kinora.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Upload-Metadata: comma-separated "key base64value" pairs (the value may be absent); keys unique, no empty pair. */
public final class TusMetadata {
    private TusMetadata() { }

    public static Map<String, String> parse(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null || header.isBlank()) return out;
        if (header.length() > 4096) throw ProblemException.badRequest("invalid-metadata", "Upload-Metadata is too long");
        // -1: empty pairs (",,,", "a x,,b y", a trailing comma) are kept, so they are refused below
        for (String pair : header.split(",", -1)) {
            String[] kv = pair.strip().split(" ", -1);
            if (kv.length > 2 || kv[0].isEmpty() || !kv[0].chars().allMatch(c -> c > 32 && c < 127)) {
                throw ProblemException.badRequest("invalid-metadata", "Upload-Metadata must be 'key base64value' pairs");
            }
            if (out.containsKey(kv[0])) {
                throw ProblemException.badRequest("invalid-metadata", "Upload-Metadata repeats the key '" + kv[0] + "'");
            }
            try {
                out.put(kv[0], kv.length == 2 ? new String(Base64.getDecoder().decode(kv[1]), StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-metadata", "value of '" + kv[0] + "' is not base64");
            }
        }
        return out;
    }

    /**
     * Metadata stored with an upload that an older version accepted (empty pairs were let through then): read
     * without the empty pairs rather than refusing to resume the upload.
     */
    static Map<String, String> stored(String header) {
        try {
            return parse(header);
        } catch (ProblemException e) {
            String cleaned = String.join(",", java.util.Arrays.stream(header.split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList());
            try {
                return parse(cleaned);
            } catch (ProblemException again) {
                return new LinkedHashMap<>();
            }
        }
    }
}
