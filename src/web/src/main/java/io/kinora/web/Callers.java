package io.kinora.web;

import io.kinora.problem.ProblemException;
import io.kinora.security.application.AccountService;
import io.kinora.security.application.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.SecurityContext;

/** Turns the container's authenticated principal into Kinora's Caller. */
@ApplicationScoped
public class Callers {
    @Inject
    AccountService accounts;

    public Caller of(SecurityContext security) {
        if (security == null || security.getUserPrincipal() == null) return Caller.ANONYMOUS;
        String name = security.getUserPrincipal().getName();
        return accounts.find(name)
                .map(a -> new Caller(a.id(), a.username(), security.isUserInRole("admin")))
                .orElseThrow(() -> ProblemException.unauthorized("unknown-account", "account no longer exists"));
    }

    public Caller signedIn(SecurityContext security) {
        Caller c = of(security);
        if (c.anonymous()) throw ProblemException.unauthorized("authentication-required", "sign in or send a bearer token");
        return c;
    }
}
