package io.kinora.encode.application;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalLong;
import java.sql.SQLException;
import jakarta.batch.operations.JobRestartException;
import java.util.Properties;

/** Starts, stops and restarts the encode-video batch job of a video. */
@ApplicationScoped
public class EncodeJobs {
    public static final String JOB = "encode-video";
    /** The job parameter (and job property) holding the trace the job continues. */
    public static final String TRACEPARENT = "traceparent";
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(EncodeJobs.class.getName());

    @jakarta.inject.Inject EncodeClaims claims;

    public JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /**
     * Starts the video's job unless it already has a live execution (anywhere in the cluster), or this dispatch
     * ({@code dispatchId}, the message's id; null for none) already started one: a redelivered or duplicated dispatch,
     * or a retry, then starts nothing. Returns the new execution's id, or empty when refused. {@code traceparent}
     * (null for none) is the dispatch's span: the job, a restart of it, and its steps and items continue that trace.
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.NOT_SUPPORTED) // JBeret's rows commit
    // whatever the caller's transaction does: a dispatch rolled back after this must not erase a running execution
    public OptionalLong start(String videoId, String dispatchId, String traceparent) {
        Properties params = new Properties();
        params.setProperty("videoId", videoId);
        if (traceparent != null) params.setProperty(TRACEPARENT, traceparent);
        // the video learns its execution id from the job listener's beforeJob: one writer, no lost update
        return claimed(videoId, dispatchId, () -> operator().start(JOB, params));
    }

    /**
     * Restarts a stopped or failed execution; the new execution redoes only what is not stored yet. Refused
     * ({@link JobRestartException}) while the video has another live execution.
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.NOT_SUPPORTED)
    public long restart(long executionId) {
        JobExecution previous = operator().getJobExecution(executionId);
        Properties params = previous.getJobParameters();
        String videoId = params.getProperty("videoId");
        return claimed(videoId, null, () -> operator().restart(executionId, params)).orElseThrow(() ->
                new JobRestartException("video " + videoId + " already has a live encode execution"));
    }

    private OptionalLong claimed(String videoId, String dispatchId, java.util.function.LongSupplier launch) {
        String node = node();
        try {
            if (!claims.claim(videoId, node, dispatchId)) {
                LOG.info(() -> "Not starting another encode of " + videoId + ": it has a live execution");
                return OptionalLong.empty();
            }
            long id;
            try {
                id = launch.getAsLong();
            } catch (RuntimeException e) {
                claims.release(videoId, node);
                throw e;
            }
            claims.attach(videoId, node, id);
            return OptionalLong.of(id);
        } catch (SQLException e) {
            throw new IllegalStateException("encode claim of " + videoId + " failed: " + e.getMessage(), e);
        }
    }

    /** The job ended on this node: its claim goes. */
    public void ended(String videoId) {
        try {
            claims.release(videoId, node());
        } catch (SQLException e) {
            LOG.warning(() -> "Could not release the encode claim of " + videoId + ": " + e.getMessage());
        }
    }

    public void stop(long executionId) {
        operator().stop(executionId);
    }

    public void abandon(long executionId) {
        operator().abandon(executionId);
    }

    public Optional<JobExecution> execution(long executionId) {
        try {
            return Optional.of(operator().getJobExecution(executionId));
        } catch (jakarta.batch.operations.NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    public static boolean running(BatchStatus s) {
        return s == BatchStatus.STARTING || s == BatchStatus.STARTED || s == BatchStatus.STOPPING;
    }

    /** This node's name in claims and job parameters ({@code jboss.node.name}, unique per node in a cluster). */
    public static String node() {
        return io.kinora.tracing.NodeName.get();
    }
}
