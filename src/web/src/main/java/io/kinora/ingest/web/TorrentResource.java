package io.kinora.ingest.web;

import io.kinora.ingest.torrent.TorrentImports;
import io.kinora.security.application.Caller;
import io.kinora.web.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Running torrent downloads: all of them for admins (the admin console), one's own for others. */
@Path("/v1/torrents")
@Produces(MediaType.APPLICATION_JSON)
public class TorrentResource {
    @Inject TorrentImports torrents;
    @Inject Callers callers;

    @Context SecurityContext security;

    @GET
    @Operation(summary = "Running torrent downloads (admins: all; others: their own); cancel one by deleting a video of it")
    public List<TorrentImports.Running> running() {
        Caller caller = callers.signedIn(security);
        return torrents.running(caller.admin() ? null : caller.userId());
    }
}
