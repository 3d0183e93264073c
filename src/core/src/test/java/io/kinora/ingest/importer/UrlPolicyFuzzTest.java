package io.kinora.ingest.importer;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kinora.problem.ProblemException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The address policy of imports and webhooks, fed URLs and addresses from anyone. Two properties: parsing and
 * admitting a URL fails only with a problem (never another exception), and every IPv6 spelling that carries an IPv4
 * address (mapped, translated, compatible, 6to4, NAT64, Teredo) is refused whenever the IPv4 address itself is.
 * No DNS: the resolver answers with the URL's literal, or with an address made of the input's bytes.
 */
class UrlPolicyFuzzTest {
    @FuzzTest(maxDuration = "6s")
    void classify(byte[] input) throws UnknownHostException {
        byte[] v4 = Arrays.copyOf(input, 4);
        InetAddress ipv4 = InetAddress.getByAddress(v4);
        boolean internal = UrlPolicy.internalReason(ipv4) != null;
        byte[][] wrapped = {
                v6(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, v4),                                   // compatible
                v6(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0}, v4),              // translated
                v6(new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0}, v4),          // NAT64
                sixToFour(v4),
                teredoClient(v4),
        };
        for (byte[] b : wrapped) {
            InetAddress a = InetAddress.getByAddress(b); // the JDK makes ::ffff:a.b.c.d an Inet4Address itself
            String reason = UrlPolicy.internalReason(a);
            if (internal) assertNotNull(reason, a + " carries " + ipv4.getHostAddress());
        }
        if (input.length >= 16) {
            UrlPolicy.internalReason(InetAddress.getByAddress(Arrays.copyOf(input, 16))); // never throws
        }
        String url = new String(input, StandardCharsets.UTF_8);
        try {
            URI uri = UrlPolicy.parse(url);
            new UrlPolicy("10.0.0.0/8, example.com, ::1, bad//entry").admit(uri, host -> literalOr(host, ipv4));
        } catch (ProblemException e) {
            assertTrue(e.kind() == ProblemException.Kind.INVALID || e.kind() == ProblemException.Kind.UPSTREAM_FAILED, e.kind() + " " + e.code());
        }
    }

    private static InetAddress[] literalOr(String host, InetAddress fallback) throws UnknownHostException {
        boolean literal = host.contains(":") || host.matches("[0-9.]+");
        if (!literal) return new InetAddress[] {fallback};
        try {
            return new InetAddress[] {InetAddress.getByName(host)}; // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnknownHostException(host);
        }
    }

    private static byte[] v6(byte[] prefix12, byte[] v4) {
        byte[] b = Arrays.copyOf(prefix12, 16);
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }

    private static byte[] sixToFour(byte[] v4) {
        byte[] b = new byte[16];
        b[0] = 0x20;
        b[1] = 0x02;
        System.arraycopy(v4, 0, b, 2, 4);
        b[15] = 1;
        return b;
    }

    private static byte[] teredoClient(byte[] v4) {
        byte[] b = {0x20, 0x01, 0, 0, 65, 54, (byte) 227, 120, 0, 0, 0, 0, 0, 0, 0, 0}; // server 65.54.227.120, public
        for (int i = 0; i < 4; i++) b[12 + i] = (byte) ~v4[i];
        return b;
    }

}
