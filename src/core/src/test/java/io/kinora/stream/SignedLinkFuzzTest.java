package io.kinora.stream;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kinora.problem.ProblemException;
import java.nio.charset.StandardCharsets;

/**
 * Signed share links (?exp=&sig=) from anyone: a forged or mangled link is 403 bad-signature (or link-expired when the
 * signature is right), never another exception; a link the server signed verifies.
 */
class SignedLinkFuzzTest {
    static final UrlSigner SIGNER = new UrlSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), 3600, 86400);

    @FuzzTest(maxDuration = "6s")
    void verify(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        int a = s.indexOf('&'), b = a < 0 ? -1 : s.indexOf('&', a + 1);
        String id = a < 0 ? "v" : s.substring(0, a);
        String exp = a < 0 ? s : b < 0 ? s.substring(a + 1) : s.substring(a + 1, b);
        String sig = b < 0 ? null : s.substring(b + 1);
        try {
            SIGNER.verify(id, exp, sig);
            fail("a link nobody signed verified: " + s);
        } catch (ProblemException e) {
            assertEquals(io.kinora.problem.ProblemException.Kind.FORBIDDEN, e.kind());
            assertTrue(e.code().equals("bad-signature") || e.code().equals("link-expired"), e.code());
        }
        UrlSigner.Signature real = SIGNER.sign(id, 60L);
        SIGNER.verify(id, Long.toString(real.exp()), real.sig());
    }
}
