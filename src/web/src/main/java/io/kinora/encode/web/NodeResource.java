package io.kinora.encode.web;

import io.kinora.encode.application.ClusterNodes;
import io.kinora.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** The cluster's nodes for operators: which answer, since when, with how many encoders (admins only). */
@Path("/v1/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {
    @Inject ClusterNodes nodes;
    @Context SecurityContext security;

    @GET
    public List<ClusterNodes.Node> list() throws java.sql.SQLException {
        if (security.getUserPrincipal() == null) throw ProblemException.unauthorized("unauthorized", "sign in as an admin");
        if (!security.isUserInRole("admin")) throw ProblemException.forbidden("admin-only", "the node list is for admins");
        return nodes.all();
    }
}
