package io.kinora.web;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * Who may call what: every write (non-GET/HEAD/OPTIONS) needs a signed-in caller unless marked
 * {@link PermitAll}; {@link RolesAllowed} adds a role check. No caller → 401, wrong role → 403.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessFilter implements ContainerRequestFilter {
    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) return;
        Class<?> type = resource.getResourceClass();
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class)
                ? method.getAnnotation(RolesAllowed.class) : type.getAnnotation(RolesAllowed.class);
        boolean permitAll = method.isAnnotationPresent(PermitAll.class)
                || (roles == null && type.isAnnotationPresent(PermitAll.class));
        boolean needsCaller = roles != null || (!permitAll && !READS.contains(request.getMethod()));
        if (!needsCaller) return;
        var sc = request.getSecurityContext();
        if (sc == null || sc.getUserPrincipal() == null) {
            request.abortWith(jakarta.ws.rs.core.Response.fromResponse(
                            Problem.of(401, "authentication-required", "sign in or send a bearer token").toResponse())
                    .header("WWW-Authenticate", "Bearer realm=\"kinora\"").build());
            return;
        }
        if (roles != null) {
            for (String role : roles.value()) {
                if (sc.isUserInRole(role)) return;
            }
            request.abortWith(Problem.of(403, "forbidden", "requires role " + String.join(" or ", roles.value()))
                    .toResponse());
        }
    }
}
