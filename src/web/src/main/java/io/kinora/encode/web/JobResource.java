package io.kinora.encode.web;

import org.eclipse.microprofile.openapi.annotations.Operation;
import io.kinora.catalog.application.VideoAccess;
import io.kinora.encode.application.EncodeJobs;
import io.kinora.encode.application.JobHistory;
import io.kinora.problem.ProblemException;
import io.kinora.security.application.Caller;
import io.kinora.web.Callers;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Encode job executions: their steps and counters; stop, restart, abandon (admin, or the video's owner). */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    @Inject EncodeJobs jobs;
    @Inject VideoAccess access;
    @Inject Callers callers;
    @Inject JobHistory history;
    @Inject io.kinora.catalog.application.VideoCatalog catalog;
    @Inject io.kinora.encode.application.PieceRecords records;

    @Context SecurityContext security;

    public record StepView(long id, String name, String status, String exitStatus, Date start, Date end,
                           Map<String, Long> metrics, List<JobHistory.Partition> partitions) { }

    public record JobSummary(long id, String videoId, String status, String exitStatus, java.time.Instant created,
                             java.time.Instant start, java.time.Instant end) { }

    /**
     * {@code encodedBy}: how many pieces (the audio track counts as one) each node encoded for the video;
     * {@code encodeMillis}: the encoders' busy time for it (each work item once).
     */
    public record JobView(long id, String job, String videoId, String status, String exitStatus, Date created,
                          Date start, Date end, List<StepView> steps, Map<String, Long> encodedBy, long encodeMillis) { }

    public record Started(long id) { }

    /**
     * Encode executions newest first (admins: all; others: those of their own videos), optionally one batch
     * status; the body is an array, X-Total-Count the number of matches.
     */
    @GET
    @Operation(summary = "Encode job executions, newest first (admins: all, others: own videos); status, offset, limit; X-Total-Count")
    public jakarta.ws.rs.core.Response list(@jakarta.ws.rs.QueryParam("status") String status,
                                            @jakarta.ws.rs.QueryParam("offset") @jakarta.ws.rs.DefaultValue("0") int offset,
                                            @jakarta.ws.rs.QueryParam("limit") @jakarta.ws.rs.DefaultValue("20") int limit) {
        Caller caller = callers.signedIn(security);
        if (offset < 0 || limit < 1 || limit > 100) throw ProblemException.badRequest("invalid-paging", "offset >= 0, limit 1..100");
        String s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = jakarta.batch.runtime.BatchStatus.valueOf(status.strip().toUpperCase()).name();
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-status", "status is a batch status such as STARTED or COMPLETED");
            }
        }
        var page = history.executions(caller.admin() ? null : catalog.idsByOwner(caller.userId()), s, offset, limit);
        List<JobSummary> items = page.items().stream().map(e -> new JobSummary(e.id(), e.videoId(), e.status(),
                e.exitStatus(), e.created(), e.start(), e.end())).toList();
        return jakarta.ws.rs.core.Response.ok(items).header("X-Total-Count", page.total()).build();
    }

    @GET
    @Path("/{id}")
    public JobView get(@PathParam("id") long id) {
        JobExecution e = visible(id, callers.of(security));
        List<StepView> steps = jobs.operator().getStepExecutions(id).stream()
                .map(s -> step(s, history.partitions(s.getStepExecutionId()))).toList();
        return new JobView(e.getExecutionId(), e.getJobName(), e.getJobParameters().getProperty("videoId"),
                e.getBatchStatus().name(), e.getExitStatus(), e.getCreateTime(), e.getStartTime(), e.getEndTime(), steps,
                encodedBy(e.getJobParameters().getProperty("videoId")), encodeMillis(e.getJobParameters().getProperty("videoId")));
    }

    @POST
    @Path("/{id}/stop")
    public JobView stop(@PathParam("id") long id) {
        managed(id);
        try {
            jobs.stop(id);
        } catch (jakarta.batch.operations.JobExecutionNotRunningException e) {
            throw ProblemException.conflict("job-not-running", "the job is not running: " + e.getMessage());
        }
        return get(id);
    }

    @POST
    @Path("/{id}/restart")
    public Started restart(@PathParam("id") long id) {
        managed(id);
        try {
            return new Started(jobs.restart(id));
        } catch (jakarta.batch.operations.JobRestartException | jakarta.batch.operations.JobExecutionNotMostRecentException
                 | jakarta.batch.operations.JobExecutionAlreadyCompleteException e) {
            throw ProblemException.conflict("not-restartable", e.getMessage());
        }
    }

    @POST
    @Path("/{id}/abandon")
    public JobView abandon(@PathParam("id") long id) {
        managed(id);
        try {
            jobs.abandon(id);
        } catch (jakarta.batch.operations.JobExecutionIsRunningException e) {
            throw ProblemException.conflict("job-running", "stop the job before abandoning it");
        }
        return get(id);
    }

    private JobExecution visible(long id, Caller caller) {
        JobExecution e = jobs.execution(id).orElseThrow(() -> ProblemException.notFound("no-such-job", "no such job"));
        if (caller.admin()) return e;
        String videoId = e.getJobParameters() == null ? null : e.getJobParameters().getProperty("videoId");
        if (videoId == null || caller.anonymous()) throw ProblemException.notFound("no-such-job", "no such job");
        try {
            access.manageable(videoId, caller);
        } catch (ProblemException p) {
            throw ProblemException.notFound("no-such-job", "no such job");
        }
        return e;
    }

    private void managed(long id) {
        visible(id, callers.signedIn(security));
    }

    static StepView step(StepExecution s, List<JobHistory.Partition> partitions) {
        Map<String, Long> metrics = new LinkedHashMap<>();
        for (Metric m : s.getMetrics()) metrics.put(m.getType().name(), m.getValue());
        return new StepView(s.getStepExecutionId(), s.getStepName(), s.getBatchStatus().name(), s.getExitStatus(), s.getStartTime(),
                s.getEndTime(), metrics, partitions);
    }

    private long encodeMillis(String videoId) {
        try {
            // one record per rendition of an item, all with the item's time: count each item once
            return records.of(videoId).stream().map(r -> r.piece() + "/" + r.node() + "/" + r.millis()).distinct()
                    .mapToLong(k -> Long.parseLong(k.substring(k.lastIndexOf('/') + 1))).sum();
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }

    private Map<String, Long> encodedBy(String videoId) {
        try {
            return records.of(videoId).stream().collect(java.util.stream.Collectors.groupingBy(
                    io.kinora.encode.application.PieceRecords.Record::node, java.util.TreeMap::new,
                    java.util.stream.Collectors.counting()));
        } catch (java.sql.SQLException e) {
            return Map.of();
        }
    }
}
