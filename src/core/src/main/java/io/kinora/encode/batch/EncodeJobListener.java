package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.encode.application.EncodeJobs;
import io.kinora.encode.application.FailureNotes;
import io.kinora.tracing.JobTraces;
import io.kinora.tracing.TraceParent;
import io.kinora.progress.ProgressBoard;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * When an encode job fails for good, the video becomes FAILED with the reason in words and every
 * temporary file goes. A stopped job keeps its work, so a restart continues where it stopped.
 */
@Named("encodeJobListener")
@Dependent
public class EncodeJobListener extends AbstractJobListener {
    private static final Logger LOG = Logger.getLogger(EncodeJobListener.class.getName());

    @Inject @JobVideoId String videoId;
    @Inject JobContext job;
    @Inject VideoLifecycle lifecycle;
    @Inject FailureNotes failures;
    @Inject JobCleanup cleanup;
    @Inject ProgressBoard progress;
    @Inject EncodeWorkQueue queue;
    @Inject io.kinora.encode.application.EncodeJobs jobs;
    @Inject JobTraces traces;
    @Inject io.kinora.encode.application.JobSeconds jobSeconds;

    @Override
    public void beforeJob() {
        String traceparent = job.getProperties().getProperty(EncodeJobs.TRACEPARENT);
        traces.jobStarted(job.getExecutionId(), videoId, traceparent);
        lifecycle.jobStarted(videoId, job.getExecutionId(), TraceParent.traceId(traceparent));
        progress.stage(videoId, "started");
    }

    @Override
    public void afterJob() throws Exception {
        queue.close(job.getExecutionId());
        try {
            after();
        } finally {
            jobs.ended(videoId); // whatever the outcome: the video may be encoded again
            traces.jobEnded(job.getExecutionId(), videoId, String.valueOf(job.getBatchStatus()));
        }
    }

    private void after() throws Exception {
        if (job.getBatchStatus() == BatchStatus.COMPLETED) observeDuration();
        if (job.getBatchStatus() == BatchStatus.FAILED) {
            String reason = failures.take(videoId, "encoding job failed (exit status " + job.getExitStatus() + ")");
            LOG.warning(() -> "Encode of " + videoId + " failed: " + reason);
            try {
                cleanup.removeWork(videoId); // first: whoever sees FAILED must find no temporary file left
            } finally {
                // a full disk passes: the operator frees space and restarts the job (the original is kept)
                lifecycle.failed(videoId, io.kinora.problem.StorageFull.mentions(reason) ? io.kinora.problem.StorageFull.CODE
                        : "encode-failed", reason);
                progress.finished(videoId, "failed");
            }
        } else if (job.getBatchStatus() == BatchStatus.STOPPED) {
            progress.stage(videoId, "stopped");
        }
    }

    /** From the execution's start as the job repository has it (this listener may not have seen beforeJob). */
    private void observeDuration() {
        try {
            java.util.Date start = jakarta.batch.runtime.BatchRuntime.getJobOperator().getJobExecution(job.getExecutionId())
                    .getStartTime();
            if (start == null) return;
            jobSeconds.observe((System.currentTimeMillis() - start.getTime()) / 1000.0,
                    TraceParent.traceId(job.getProperties().getProperty(EncodeJobs.TRACEPARENT)));
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.FINE, "no duration for the job of " + videoId, e); // a metric is not worth a failed job
        }
    }
}
