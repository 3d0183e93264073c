package io.kinora.ops.web;

import io.kinora.ops.metrics.OpsCounters;
import io.kinora.ops.ratelimit.RateLimiter;
import io.kinora.web.Callers;
import io.kinora.web.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 429 with Retry-After when a client spends its budget on {@link RateLimited} endpoints, and the uploads-in-flight
 * gauge. The client is the connecting address, or, when that is a trusted proxy (the nginx edge), the right-most
 * X-Forwarded-For address that is not a proxy. Exempt addresses (kinora.ratelimit.exempt-addresses) are never
 * limited: monitoring, or the integration tests' own loopback traffic.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 10)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String IN_FLIGHT = RateLimitFilter.class.getName() + ".upload";

    @Context ResourceInfo resource;
    @Context HttpServletRequest servletRequest;

    @Inject RateLimiter limiter;
    @Inject OpsCounters counters;
    @Inject Callers callers;

    @Inject @ConfigProperty(name = "kinora.ratelimit.trusted-proxies", defaultValue = "127.0.0.1,0:0:0:0:0:0:0:1,::1")
    String trustedProxies;

    @Inject @ConfigProperty(name = "kinora.ratelimit.exempt-addresses", defaultValue = " ")
    String exemptAddresses;

    @Override
    public void filter(ContainerRequestContext request) {
        RateLimited rl = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(RateLimited.class);
        if (rl == null) return;
        if (rl.limit()) {
            String address = clientAddress();
            if (!set(exemptAddresses).contains(address)) {
                String client = "ip:" + address;
                if ("upload".equals(rl.value())) {
                    var sc = request.getSecurityContext();
                    if (sc != null && sc.getUserPrincipal() != null) client = "user:" + sc.getUserPrincipal().getName();
                }
                OptionalLong wait = limiter.acquire(rl.value(), client);
                if (wait.isPresent()) {
                    counters.rateLimited(rl.value());
                    request.abortWith(jakarta.ws.rs.core.Response.fromResponse(Problem.of(429, "rate-limited",
                                    "too many " + rl.value() + " requests; retry in " + wait.getAsLong() + " s").toResponse())
                            .header("Retry-After", Math.max(1, wait.getAsLong())).build());
                    return;
                }
            }
        }
        if ("upload".equals(rl.value())) {
            counters.uploadStarted();
            request.setProperty(IN_FLIGHT, Boolean.TRUE);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(IN_FLIGHT) != null) {
            request.removeProperty(IN_FLIGHT);
            counters.uploadEnded();
        }
    }

    String clientAddress() {
        String remote = servletRequest.getRemoteAddr();
        Set<String> proxies = set(trustedProxies);
        if (!trusted(proxies, remote)) return remote;
        String forwarded = servletRequest.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) return remote;
        List<String> hops = Arrays.stream(forwarded.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trusted(proxies, hops.get(i))) return hops.get(i);
        }
        return remote;
    }

    /** Exact addresses, or IPv4 CIDR blocks such as 172.16.0.0/12 (a container network the edge runs in). */
    static boolean trusted(Set<String> proxies, String address) {
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

    private static Set<String> set(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
