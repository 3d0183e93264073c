package io.kinora.security.application;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Bearer tokens from anyone: parsing never throws, and nothing the fuzzer makes passes as a Kinora token. */
class BearerTokenFuzzTest {
    static final TokenService TOKENS = new TokenService("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @FuzzTest(maxDuration = "6s")
    void parse(byte[] input) {
        String token = new String(input, StandardCharsets.UTF_8);
        assertTrue(TOKENS.parse(token).isEmpty(), token);
    }
}
