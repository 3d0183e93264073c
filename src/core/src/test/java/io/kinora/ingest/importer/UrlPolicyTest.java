package io.kinora.ingest.importer;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class UrlPolicyTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A resolver answering with fixed addresses, so no test depends on DNS. */
    private static UrlPolicy.Resolver answers(String... literals) {
        return host -> {
            InetAddress[] a = new InetAddress[literals.length];
            for (int i = 0; i < a.length; i++) a[i] = ip(literals[i]);
            return a;
        };
    }

    private static String code(Runnable r) {
        return io.kinora.problem.ProblemCodes.codeOf(r);
    }

    @Test
    void internalAddressesAreNamed() {
        for (String s : new String[] {"127.0.0.1", "127.9.9.9", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.0.1", "169.254.169.254", "fe80::1", "224.0.0.1", "ff02::1", "0.0.0.0", "::", "0.1.2.3",
                "100.64.0.1", "100.127.255.254", "fc00::1", "fd12:3456::1", "255.255.255.255", "::ffff:10.0.0.1",
                "64:ff9b::7f00:1", "2002:a00:1::", "::127.0.0.1"}) {
            assertNotNull(UrlPolicy.internalReason(ip(s)), s);
        }
        for (String s : new String[] {"8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.32.0.1",
                "2606:4700:4700::1111", "2002:808:808::"}) {
            assertNull(UrlPolicy.internalReason(ip(s)), s);
        }
    }

    /** Issue 19 (6): every IPv6 form that embeds an IPv4 address is judged by the IPv4 address. */
    @Test
    void ipv6FormsEmbeddingIpv4AreClassifiedByTheIpv4() {
        for (String s : new String[] {
                "::ffff:0:127.0.0.1", "::ffff:0:7f00:1", "::ffff:0:10.0.0.1", "::ffff:0:169.254.169.254", // translated
                "::ffff:127.0.0.1", "0:0:0:0:0:ffff:7f00:1",                                         // mapped
                "::10.0.0.1", "::169.254.169.254",                                                   // compatible
                "2002:7f00:1::", "2002:a9fe:a9fe::1",                                                // 6to4
                "64:ff9b::10.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::a00:1",                       // NAT64
                "2001:0:4136:e378:8000:63bf:80ff:fffe",   // Teredo, client 127.0.0.1 (inverted)
                "2001:0:a00:1::1",                        // Teredo, server 10.0.0.1
                "fe80::5efe:10.0.0.1", "2001:db8::200:5efe:192.168.1.1"}) {                          // ISATAP
            assertNotNull(UrlPolicy.internalReason(ip(s)), s);
        }
        for (String s : new String[] {"::ffff:0:8.8.8.8", "64:ff9b::8.8.8.8", "2002:808:808::",
                "2001:0:4136:e378:8000:63bf:f7f7:f7f7", "2001:db8::200:5efe:8.8.8.8"}) {
            assertNull(UrlPolicy.internalReason(ip(s)), s);
        }
        UrlPolicy p = new UrlPolicy("");
        assertEquals("import-address-not-allowed",
                code(() -> p.admit(URI.create("http://[::ffff:0:127.0.0.1]:18080/"), InetAddress::getAllByName)));
    }

    /** Found by UrlPolicyFuzzTest: the JDK's URI parser threw NumberFormatException (a 500 for imports and webhooks). */
    @Test
    void hugeNumbersInsideIpv6LiteralsAreInvalidUrls() {
        assertEquals("import-invalid-url",
                code(() -> UrlPolicy.parse("http://[::ffff:5555555555555555555555555555555539.0.0.1]/")));
    }

    @Test
    void everyResolvedAddressIsChecked() {
        UrlPolicy p = new UrlPolicy("");
        URI u = URI.create("http://mixed.example/v.mp4");
        assertNull(code(() -> p.admit(u, answers("93.184.216.34"))));
        assertEquals("import-address-not-allowed", code(() -> p.admit(u, answers("93.184.216.34", "10.0.0.5"))));
        assertEquals("import-unreachable", code(() -> p.admit(u, h -> { throw new UnknownHostException(h); })));
    }

    @Test
    void allowListTakesNamesAddressesAndBlocks() {
        URI named = URI.create("http://Media.Internal/v.mp4");
        URI other = URI.create("http://other.internal/v.mp4");
        UrlPolicy p = new UrlPolicy(" media.internal , 10.1.0.0/16,192.168.7.7, fd00::/8, not-an-ip/33");
        assertNull(code(() -> p.admit(named, answers("10.9.9.9"))));
        assertNull(code(() -> p.admit(other, answers("10.1.200.3"))));
        assertNull(code(() -> p.admit(other, answers("192.168.7.7"))));
        assertNull(code(() -> p.admit(other, answers("fd00::7"))));
        assertEquals("import-address-not-allowed", code(() -> p.admit(other, answers("10.2.0.1"))));
        assertEquals("import-address-not-allowed", code(() -> p.admit(other, answers("192.168.7.8"))));
        assertEquals("import-address-not-allowed", code(() -> p.admit(other, answers("10.1.0.1", "127.0.0.1"))));
    }

    @Test
    void onlyHttpAndHttpsAndNoTorrents() {
        assertEquals("http", UrlPolicy.parse("http://example.com/a.mp4").getScheme());
        assertEquals("HTTPS", UrlPolicy.parse(" HTTPS://example.com/a.mp4 ").getScheme());
        for (String bad : new String[] {"ftp://example.com/a", "file:///etc/passwd", "gopher://x/", "jar:file:/x!/y",
                "magnet:?xt=urn:btih:abc", "https://example.com/x.TORRENT", "example.com/a.mp4"}) {
            assertEquals("import-scheme-not-allowed", code(() -> UrlPolicy.parse(bad)), bad);
        }
        for (String bad : new String[] {"", "http://", "http://user:pw@example.com/", "http://exa mple.com/"}) {
            assertEquals("import-invalid-url", code(() -> UrlPolicy.parse(bad)), bad);
        }
    }
}
