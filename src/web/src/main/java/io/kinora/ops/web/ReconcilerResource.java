package io.kinora.ops.web;

import io.kinora.ops.reconcile.Reconciler;
import io.kinora.ops.reconcile.ReconcilerStore;
import io.kinora.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.util.List;

/** What the reconciler did lately, and a pass on demand (admins only). */
@Path("/v1/admin/reconciler")
@Produces(MediaType.APPLICATION_JSON)
public class ReconcilerResource {
    @Inject Reconciler reconciler;
    @Inject ReconcilerStore store;
    @Context SecurityContext security;

    /** The most recent actions, newest first. */
    @GET
    public List<ReconcilerStore.Action> recent() throws SQLException {
        admin();
        return store.recent(50);
    }

    /** One pass now; its actions. 409 {@code reconciler-busy} while another node runs one. */
    @POST
    @Path("/run")
    public List<ReconcilerStore.Action> run() throws SQLException {
        admin();
        try {
            return reconciler.run();
        } catch (Reconciler.Busy e) {
            throw ProblemException.conflict("reconciler-busy", e.getMessage());
        }
    }

    private void admin() {
        if (security.getUserPrincipal() == null) throw ProblemException.unauthorized("unauthorized", "sign in as an admin");
        if (!security.isUserInRole("admin")) throw ProblemException.forbidden("admin-only", "the reconciler is for admins");
    }
}
