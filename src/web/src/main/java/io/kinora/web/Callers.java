package io.kinora.web;

import io.kinora.problem.ProblemException;
import io.kinora.security.application.AccountService;
import io.kinora.security.application.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** Turns the container's authenticated principal into Kinora's Caller. */
@ApplicationScoped
public class Callers {
    @Inject
    AccountService accounts;

    public Caller of(SecurityContext security) {
        if (security == null) return Caller.ANONYMOUS;
        return of(security.getUserPrincipal(), security.isUserInRole("admin"));
    }

    /** The same for code outside JAX-RS (the media filter). */
    public Caller of(HttpServletRequest request) {
        return of(request.getUserPrincipal(), request.isUserInRole("admin"));
    }

    private Caller of(Principal principal, boolean admin) {
        if (principal == null) return Caller.ANONYMOUS;
        return accounts.find(principal.getName())
                .map(a -> new Caller(a.id(), a.username(), admin))
                .orElseThrow(() -> ProblemException.unauthorized("unknown-account", "account no longer exists"));
    }

    public Caller signedIn(SecurityContext security) {
        Caller c = of(security);
        if (c.anonymous()) throw ProblemException.unauthorized("authentication-required", "sign in or send a bearer token");
        return c;
    }
}
