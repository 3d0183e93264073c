package io.kinora.security.web;

import io.kinora.ops.web.RateLimited;
import io.kinora.problem.ProblemException;
import io.kinora.security.application.AccountRemoval;
import io.kinora.security.application.AccountService;
import io.kinora.web.ClientAddresses;
import jakarta.servlet.http.HttpServletRequest;
import io.kinora.security.domain.Account;
import io.kinora.security.domain.AccountRepository;
import io.kinora.security.domain.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Self-registration, "who am I", password change, sign-out everywhere, closing an account; the admin's accounts. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    @Inject
    AccountService accounts;

    @Inject
    AccountRepository repository;

    @Inject
    AccountRemoval removal;

    @Inject
    ClientAddresses clients;

    @Context
    HttpServletRequest request;

    @Inject
    io.kinora.security.application.RegistrationPolicy registrationPolicy;

    public record Registration(String username, String password) { }

    public record UserView(long id, String username, Set<String> roles, String origin, boolean enabled, Instant createdAt) {
        static UserView of(Account a) {
            return new UserView(a.id(), a.username(), a.roleIds(), a.origin().name(), a.enabled(), a.createdAt());
        }
    }

    @RateLimited("auth")
    @POST
    @Path("/users")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(Registration registration) {
        if (!registrationPolicy.open()) {
            throw ProblemException.forbidden("registration-disabled",
                    "self-registration is off on this server: sign in with your company account (SSO), or ask an administrator");
        }
        if (registration == null) throw ProblemException.badRequest("missing-body", "send {\"username\",\"password\"}");
        Account created = accounts.register(registration.username(), registration.password(), Set.of(Role.USER));
        return Response.status(201).entity(UserView.of(created)).build();
    }

    @GET
    @Path("/users/me")
    @RolesAllowed({"user", "admin"})
    public UserView me(@Context SecurityContext security) {
        return accounts.find(security.getUserPrincipal().getName()).map(UserView::of)
                .orElseThrow(() -> ProblemException.notFound("no-such-user", "account no longer exists"));
    }

    public record PasswordChange(String currentPassword, String newPassword) { }

    @PUT
    @Path("/users/me/password")
    @RolesAllowed({"user", "admin"})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordChange change, @Context SecurityContext security) {
        if (change == null) throw ProblemException.badRequest("missing-body", "send {\"currentPassword\",\"newPassword\"}");
        accounts.changePassword(security.getUserPrincipal().getName(), change.currentPassword(), change.newPassword(),
                clients.of(request));
        return Response.noContent().build();
    }

    /** Every token of the caller stops working, this one included. */
    @POST
    @Path("/users/me/sign-out-everywhere")
    @RolesAllowed({"user", "admin"})
    public Response signOutEverywhere(@Context SecurityContext security) {
        accounts.revokeTokens(account(security).id());
        return Response.noContent().build();
    }

    public record Closing(String password) { }

    /** The caller closes their account: videos, webhooks and the account go; the password confirms it. */
    @DELETE
    @Path("/users/me")
    @RolesAllowed({"user", "admin"})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response close(Closing closing, @Context SecurityContext security) {
        removal.closeOwn(security.getUserPrincipal().getName(), closing == null ? null : closing.password(),
                clients.of(request));
        return Response.noContent().build();
    }

    @POST
    @Path("/admin/users/{id}/sign-out-everywhere")
    @RolesAllowed("admin")
    public Response signOutUser(@PathParam("id") long id) {
        accounts.revokeTokens(id);
        return Response.noContent().build();
    }

    public record AccountChange(Boolean enabled) { }

    /** An admin enables or disables an account (disabling ends its tokens and refuses its password). */
    @PATCH
    @Path("/admin/users/{id}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView change(@PathParam("id") long id, AccountChange change, @Context SecurityContext security) {
        if (change == null || change.enabled() == null) throw ProblemException.badRequest("missing-body", "send {\"enabled\"}");
        if (!change.enabled() && account(security).id() == id) {
            throw ProblemException.conflict("cannot-disable-self", "an admin cannot disable their own account");
        }
        return UserView.of(accounts.setEnabled(id, change.enabled()));
    }

    private Account account(SecurityContext security) {
        return accounts.find(security.getUserPrincipal().getName())
                .orElseThrow(() -> ProblemException.unauthorized("unknown-account", "account no longer exists"));
    }

    @GET
    @Path("/admin/users")
    @RolesAllowed("admin")
    public List<UserView> all(@QueryParam("offset") @DefaultValue("0") int offset,
                              @QueryParam("limit") @DefaultValue("50") int limit) {
        return repository.list(Math.max(0, offset), Math.min(Math.max(1, limit), 500)).stream().map(UserView::of).toList();
    }
}
