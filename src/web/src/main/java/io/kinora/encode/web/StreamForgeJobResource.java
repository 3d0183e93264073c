package io.kinora.encode.web;

import io.kinora.catalog.application.VideoAccess;
import io.kinora.catalog.application.VideoRemoval;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.EncodeJobs;
import io.kinora.problem.ProblemException;
import io.kinora.progress.ProgressBoard;
import io.kinora.progress.VideoProgress;
import io.kinora.web.Callers;
import jakarta.batch.runtime.BatchStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * StreamForge compatibility (seed 002). A StreamForge "job" is one video's processing, so {id} is the video id
 * that POST /api/upload answered as jobId; a numeric Jakarta Batch execution id is accepted too and resolved to
 * its video. Status words: queued, processing, ready (first quality playable), completed, failed, stopped.
 *
 * <pre>
 * GET /api/jobs/{id}        {"id","videoId","jobExecutionId","status","progress","stage","title","createdAt",
 *                            "completedAt","error":{"code","reason"}|null,
 *                            "qualities":[{"quality":"720p","width","height","bitrateKbps","status","url"}]}
 * GET /api/jobs/{id}/status {"id","status","progress"}
 * DELETE /api/jobs/{id}     204: stops the encode and removes the video with everything stored for it
 * </pre>
 */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class StreamForgeJobResource {
    @Inject VideoAccess access;
    @Inject VideoRemoval removal;
    @Inject EncodeJobs jobs;
    @Inject ProgressBoard progress;
    @Inject Callers callers;

    @Context SecurityContext security;
    @Context UriInfo uri;

    public record Quality(String quality, int width, int height, int bitrateKbps, String status, String url) { }

    public record Error(String code, String reason) { }

    public record Job(String id, String videoId, Long jobExecutionId, String status, int progress, String stage,
                      String title, Instant createdAt, Instant completedAt, Error error, List<Quality> qualities) { }

    public record Status(String id, String status, int progress) { }

    @GET
    @Path("/{id}")
    @Operation(summary = "StreamForge: one video's processing job with its qualities and stream URLs")
    public Job get(@PathParam("id") String id) {
        Video v = video(id);
        VideoProgress p = progress.get(v.id()).orElse(null);
        String base = io.kinora.web.Links.base(uri) + "stream/" + v.id() + "/";
        List<Quality> qualities = v.renditions().stream().map(r -> new Quality(r.name(), r.width(), r.height(),
                r.bitrateKbps(), r.status().name(), r.status() == Rendition.Status.PUBLISHED ? base + r.name() : null)).toList();
        return new Job(v.id(), v.id(), v.jobExecutionId(), status(v), percent(v, p), p == null ? null : p.stage(),
                v.title(), v.createdAt(), v.completedAt(),
                v.failureCode() == null ? null : new Error(v.failureCode(), v.failureReason()), qualities);
    }

    @GET
    @Path("/{id}/status")
    @Operation(summary = "StreamForge: status word and percent only")
    public Status status(@PathParam("id") String id) {
        Video v = video(id);
        return new Status(v.id(), status(v), percent(v, progress.get(v.id()).orElse(null)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "StreamForge: cancel the job and delete the video and all its files")
    public Response delete(@PathParam("id") String id) {
        Video v = video(id);
        access.manageable(v.id(), callers.signedIn(security));
        removal.remove(v.id());
        return Response.noContent().build();
    }

    private Video video(String id) {
        String videoId = id;
        if (id.matches("\\d{1,18}")) {
            videoId = jobs.execution(Long.parseLong(id)).map(e -> e.getJobParameters().getProperty("videoId"))
                    .orElseThrow(() -> ProblemException.notFound("no-such-job", "no such job"));
        }
        try {
            return access.viewable(videoId, callers.of(security));
        } catch (ProblemException e) {
            if (e.kind() == ProblemException.Kind.NOT_FOUND) throw ProblemException.notFound("no-such-job", "no such job");
            throw e;
        }
    }

    private String status(Video v) {
        return switch (v.status()) {
            case READY -> "ready";
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case PROCESSING -> {
                if (v.jobExecutionId() == null) yield "queued";
                BatchStatus s = jobs.execution(v.jobExecutionId()).map(e -> e.getBatchStatus()).orElse(null);
                yield s == BatchStatus.STOPPED || s == BatchStatus.ABANDONED ? "stopped" : "processing";
            }
        };
    }

    private static int percent(Video v, VideoProgress p) {
        if (v.status() == io.kinora.catalog.domain.VideoStatus.COMPLETED) return 100;
        return p == null ? 0 : p.percent();
    }
}
