package io.kinora.encode.application;

import io.kinora.catalog.application.VideoRemoving;
import io.kinora.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A video being deleted: its encode job is stopped and awaited first (a partition still running would write pieces
 * and renditions after the objects are deleted and leave orphans), then the job's local work directory goes.
 */
@ApplicationScoped
public class StopEncodeOnRemoval {
    @Inject EncodeJobs jobs;
    @Inject WorkFiles files;

    /** How long a running encode may take to honour stop before the delete gives up with 409. */
    @Inject @ConfigProperty(name = "kinora.videos.delete.stop-timeout-seconds", defaultValue = "60")
    long stopTimeoutSeconds;

    void onRemoving(@Observes VideoRemoving removing) {
        if (removing.jobExecutionId() != null) stopAndWait(removing.jobExecutionId());
        try {
            files.deleteWorkDir(removing.videoId());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the work directory of " + removing.videoId(), e);
        }
    }

    private void stopAndWait(long executionId) {
        var execution = jobs.execution(executionId);
        if (execution.isEmpty() || !EncodeJobs.running(execution.get().getBatchStatus())) return;
        try {
            jobs.stop(executionId);
        } catch (jakarta.batch.operations.JobExecutionNotRunningException e) {
            return; // finished between the check and the stop
        }
        long deadline = System.nanoTime() + stopTimeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            var s = jobs.execution(executionId).map(e -> e.getBatchStatus()).orElse(null);
            if (s == null || !EncodeJobs.running(s)) return;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw ProblemException.conflict("job-still-running", "the encode job did not stop in " + stopTimeoutSeconds
                + " s; try again");
    }
}
