package io.kinora.ops.web;

import io.kinora.ops.metrics.OpsCounters;
import io.kinora.ops.ratelimit.RateLimiter;
import io.kinora.web.Callers;
import io.kinora.web.ClientAddresses;
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
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 429 with Retry-After when a client spends its budget on {@link RateLimited} endpoints, and the uploads-in-flight
 * gauge. The client is as {@link ClientAddresses} tells. Exempt addresses (kinora.ratelimit.exempt-addresses) are never
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

    @Inject ClientAddresses clientAddresses;

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
        return clientAddresses.of(servletRequest);
    }

    private static Set<String> set(String csv) {
        return ClientAddresses.set(csv);
    }
}
