package io.kinora.ingest.importer;

import io.kinora.problem.ProblemException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which URLs an import may fetch. Only http and https; the host is resolved and EVERY address it resolves to
 * must be public: loopback, private (RFC 1918, fc00::/7), link-local (169.254/16, fe80::/10), multicast,
 * unspecified, CGNAT (100.64/10), "this network" (0/8) and broadcast are refused, also when hidden in an
 * IPv6 address that embeds an IPv4 one: IPv4-mapped, IPv4-translated (::ffff:0:0/96), IPv4-compatible, NAT64
 * (64:ff9b::/96; the local-use 64:ff9b:1::/48 always), 6to4 (2002::/16), Teredo (2001::/32, server and client)
 * and ISATAP: each is classified by the IPv4 address it carries. An operator may open exceptions with
 * {@code kinora.import.allowed-hosts}: comma-separated host names (matched against the URL's host, case
 * insensitive) and IP addresses or CIDR blocks (matched against each resolved address).
 *
 * <p>The allow-list is read on every request through MicroProfile Config, so it can be changed at runtime
 * (e.g. as a system property through the management API) without a redeploy.
 */
public final class UrlPolicy {
    public static final String ALLOWED_HOSTS = "kinora.import.allowed-hosts";

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(UrlPolicy.class.getName());
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Resolves a host name to all its addresses (replaceable in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<String> hostNames = new ArrayList<>();
    private final List<Cidr> blocks = new ArrayList<>();

    public UrlPolicy(String allowList) {
        if (allowList == null) return;
        for (String raw : allowList.split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) continue;
            try {
                Cidr c = Cidr.parse(entry);
                if (c != null) blocks.add(c);
                else hostNames.add(stripBrackets(entry));
            } catch (IllegalArgumentException e) {
                LOG.warning("ignoring " + e.getMessage()); // fails closed: a bad entry allows nothing
            }
        }
    }

    /** The policy as currently configured (read per call: the setting may change at runtime). */
    public static UrlPolicy current() {
        return new UrlPolicy(ConfigProvider.getConfig().getOptionalValue(ALLOWED_HOSTS, String.class).orElse(""));
    }

    /**
     * Parses a URL and checks its form: http/https with a host, no user info. Magnet links go to the torrent
     * import before this; a URL of a .torrent file is refused (upload the file itself).
     */
    public static URI parse(String url) {
        if (url == null || url.isBlank()) throw ProblemException.badRequest("import-invalid-url", "send a url to import");
        String u = url.strip();
        if (u.regionMatches(true, 0, "magnet:", 0, 7)) throw torrent();
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("import-invalid-url", "not a valid URL: " + e.getReason());
        } catch (RuntimeException e) {
            // the JDK's parser throws NumberFormatException for an IPv4 tail with a huge number inside an IPv6
            // literal (http://[::ffff:5555555555555555555555555555555539.0.0.1]/), found by UrlPolicyFuzzTest
            throw ProblemException.badRequest("import-invalid-url", "not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ProblemException.badRequest("import-scheme-not-allowed",
                    "only http and https URLs can be imported" + (scheme.isEmpty() ? "" : ", not " + scheme + ":"));
        }
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        if (path.endsWith(".torrent")) throw torrent();
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ProblemException.badRequest("import-invalid-url", "the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ProblemException.badRequest("import-invalid-url", "credentials in the URL are not supported");
        }
        return uri;
    }

    private static ProblemException torrent() {
        return ProblemException.badRequest("import-scheme-not-allowed",
                "Kinora does not fetch .torrent files by URL: upload the .torrent itself (application/x-bittorrent) or send a magnet link");
    }

    /**
     * Resolves the URL's host and checks every address; returns them when the URL may be fetched.
     *
     * <p>Limit (DNS rebinding): this is check-then-connect. The HTTP client resolves the name again when it
     * connects, so a hostile DNS server answering with a short TTL could give a public address here and a
     * private one to the client. Closing it needs the connection pinned to the address checked here: a client
     * that accepts a resolved address (connect to the IP, send the Host header and TLS SNI for the name), a
     * JDK {@code InetAddressResolverProvider} (Java 18+) that applies this policy to every lookup, or an egress
     * proxy/firewall that enforces the same rules on the wire.
     */
    public List<InetAddress> admit(URI uri, Resolver resolver) {
        String host = stripBrackets(uri.getHost().toLowerCase(Locale.ROOT));
        if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new ProblemException(ProblemException.Kind.UPSTREAM_FAILED, "import-unreachable", "cannot resolve host " + host);
        }
        if (addresses == null || addresses.length == 0) {
            throw new ProblemException(ProblemException.Kind.UPSTREAM_FAILED, "import-unreachable", "cannot resolve host " + host);
        }
        boolean namedAllowed = hostNames.contains(host);
        for (InetAddress a : addresses) {
            if (namedAllowed || allowedByBlock(a)) continue;
            String why = internalReason(a);
            if (why != null) {
                throw ProblemException.badRequest("import-address-not-allowed",
                        host + " resolves to " + a.getHostAddress() + " (" + why + "), which imports may not reach");
            }
        }
        return List.of(addresses);
    }

    public List<InetAddress> admit(URI uri) {
        return admit(uri, InetAddress::getAllByName);
    }

    /**
     * The same check for an address that is not a URL (a torrent peer, host:port): the host is resolved and every
     * address must be public or allow-listed.
     */
    public List<InetAddress> admitHost(String host, Resolver resolver) {
        return admit(URI.create("tcp://" + (host.contains(":") ? "[" + host + "]" : host) + "/"), resolver);
    }

    /**
     * What the allow-list opens, as IP addresses and CIDR blocks (host names resolved now), for a child process
     * that enforces the policy on its own connections (the torrent fetcher's ip_filter).
     */
    public List<String> openedBlocks(Resolver resolver) {
        List<String> out = new ArrayList<>();
        for (Cidr c : blocks) {
            try {
                out.add(InetAddress.getByAddress(c.network()).getHostAddress() + "/" + c.prefix());
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        for (String h : hostNames) {
            try {
                for (InetAddress a : resolver.resolve(h)) out.add(a.getHostAddress());
            } catch (UnknownHostException e) {
                LOG.fine(() -> "allow-listed host " + h + " does not resolve");
            }
        }
        return out;
    }

    private boolean allowedByBlock(InetAddress a) {
        for (Cidr c : blocks) if (c.contains(a)) return true;
        return false;
    }

    /** Why an address is not public, or null when it is. */
    static String internalReason(InetAddress a) {
        if (a.isAnyLocalAddress()) return "unspecified";
        if (a.isLoopbackAddress()) return "loopback";
        if (a.isLinkLocalAddress()) return "link-local";
        if (a.isMulticastAddress()) return "multicast";
        if (a.isSiteLocalAddress()) return "private";
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int b0 = b[0] & 0xff, b1 = b[1] & 0xff;
            if (b0 == 0) return "unspecified";
            if (b0 == 100 && (b1 & 0xc0) == 64) return "carrier-grade NAT";
            if (b0 == 255 && b1 == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) return "broadcast";
            return null;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return "private";
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) return "site-local";
            if (allZero(b, 0, 16)) return "unspecified";
            // IPv4 inside IPv6, classified by the IPv4 address it carries (the JDK turns ::ffff:a.b.c.d into IPv4
            // itself, but not the others):
            // IPv4-compatible ::a.b.c.d and IPv4-mapped ::ffff:a.b.c.d (in case a resolver hands it over as IPv6)
            if (allZero(b, 0, 10) && (allZero(b, 10, 12) || ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff))) {
                return embedded(b, 12);
            }
            // IPv4-translated ::ffff:0:a.b.c.d (RFC 2765)
            if (allZero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && allZero(b, 10, 12)) {
                return embedded(b, 12);
            }
            // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052) and the local-use prefix 64:ff9b:1::/48 (RFC 8215)
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                if (allZero(b, 4, 12)) return embedded(b, 12);
                if ((b[4] & 0xff) == 0 && (b[5] & 0xff) == 1) return "NAT64 local-use";
            }
            // 6to4 2002:aabb:ccdd::/48 (RFC 3056)
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) return embedded(b, 2);
            // Teredo 2001:0::/32 (RFC 4380): server IPv4 in bits 32-63, client IPv4 inverted in the last 32 bits
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                String server = embedded(b, 4);
                if (server != null) return server;
                byte[] client = new byte[16];
                for (int i = 12; i < 16; i++) client[i] = (byte) ~b[i];
                return embedded(client, 12);
            }
            // ISATAP ::0:5efe:a.b.c.d / ::200:5efe:a.b.c.d (RFC 5214), any prefix
            if (((b[8] & 0xfd) == 0) && b[9] == 0 && (b[10] & 0xff) == 0x5e && (b[11] & 0xff) == 0xfe) {
                return embedded(b, 12);
            }
        }
        return null;
    }

    private static String embedded(byte[] b, int from) {
        try {
            InetAddress v4 = InetAddress.getByAddress(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]});
            String why = internalReason(v4);
            return why == null ? null : why + " IPv4 inside IPv6";
        } catch (UnknownHostException e) {
            return "unparseable";
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** An IP address or CIDR block from the allow-list; parsed without any DNS lookup. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String entry) {
            String e = stripBrackets(entry);
            int slash = e.indexOf('/');
            String ip = slash < 0 ? e : e.substring(0, slash);
            if (!IPV4.matcher(ip).matches() && !ip.contains(":")) return null; // a host name
            byte[] addr;
            try {
                addr = InetAddress.getByName(ip).getAddress(); // a literal: no lookup
            } catch (UnknownHostException ex) {
                throw new IllegalArgumentException(ALLOWED_HOSTS + ": not an IP address: " + entry);
            }
            int prefix = addr.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException(ALLOWED_HOSTS + ": bad prefix length: " + entry);
                }
                if (prefix < 0 || prefix > addr.length * 8) {
                    throw new IllegalArgumentException(ALLOWED_HOSTS + ": bad prefix length: " + entry);
                }
            }
            return new Cidr(addr, prefix);
        }

        boolean contains(InetAddress a) {
            byte[] x = a.getAddress();
            if (x.length != network.length) return false;
            int full = prefix / 8, rest = prefix % 8;
            for (int i = 0; i < full; i++) if (x[i] != network[i]) return false;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (x[full] & mask) == (network[full] & mask);
        }
    }
}
