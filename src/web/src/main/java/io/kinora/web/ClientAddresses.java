package io.kinora.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who the client is, for limits: the connecting address, or, when that is a trusted proxy (the nginx edge), the
 * right-most X-Forwarded-For address that is not a proxy. Shared by the rate limits and the password guard.
 */
@ApplicationScoped
public class ClientAddresses {
    @Inject @ConfigProperty(name = "kinora.ratelimit.trusted-proxies", defaultValue = "127.0.0.1,0:0:0:0:0:0:0:1,::1")
    String trustedProxies;

    public String of(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        Set<String> proxies = set(trustedProxies);
        if (!trusted(proxies, remote)) return remote;
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) return remote;
        List<String> hops = Arrays.stream(forwarded.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trusted(proxies, hops.get(i))) return hops.get(i);
        }
        return remote;
    }

    /** Exact addresses, or IPv4 CIDR blocks such as 172.16.0.0/12 (a container network the edge runs in). */
    public static boolean trusted(Set<String> proxies, String address) {
        if (proxies.contains(address)) return true;
        long ip = ipv4(address);
        if (ip < 0) return false;
        for (String p : proxies) {
            int slash = p.indexOf('/');
            if (slash < 0) continue;
            long net = ipv4(p.substring(0, slash));
            int bits;
            try {
                bits = Integer.parseInt(p.substring(slash + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (net < 0 || bits < 0 || bits > 32) continue;
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            if ((ip & mask) == (net & mask)) return true;
        }
        return false;
    }

    private static long ipv4(String s) {
        String[] parts = s.split("\\.");
        if (parts.length != 4) return -1;
        long v = 0;
        for (String part : parts) {
            try {
                int n = Integer.parseInt(part);
                if (n < 0 || n > 255) return -1;
                v = (v << 8) | n;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return v;
    }

    public static Set<String> set(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
