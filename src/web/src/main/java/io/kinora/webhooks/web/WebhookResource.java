package io.kinora.webhooks.web;

import io.kinora.problem.ProblemException;
import io.kinora.security.application.Caller;
import io.kinora.web.Callers;
import io.kinora.webhooks.Webhook;
import io.kinora.webhooks.WebhookRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;

/** A user's webhooks: register (the secret is shown once), list, delete. */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"user", "admin"})
public class WebhookResource {
    @Inject WebhookRegistry registry;
    @Inject Callers callers;

    @Context SecurityContext security;

    public record Registration(String url) { }

    public record Created(long id, String url, String secret, Instant createdAt) { }

    public record Listed(long id, String url, Instant createdAt) { }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(Registration registration) {
        if (registration == null) throw ProblemException.badRequest("missing-body", "send {\"url\"}");
        Webhook hook = registry.register(caller().userId(), registration.url());
        return Response.status(201).entity(new Created(hook.id(), hook.url(), hook.secret(), hook.createdAt())).build();
    }

    @GET
    public List<Listed> list() {
        return registry.forOwner(caller().userId()).stream().map(h -> new Listed(h.id(), h.url(), h.createdAt())).toList();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        if (!registry.delete(caller().userId(), id)) throw ProblemException.notFound("no-such-webhook", "no such webhook");
        return Response.noContent().build();
    }

    private Caller caller() {
        return callers.signedIn(security);
    }
}
