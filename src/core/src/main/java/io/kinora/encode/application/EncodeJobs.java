package io.kinora.encode.application;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Properties;

/** Starts, stops and restarts the encode-video batch job of a video. */
@ApplicationScoped
public class EncodeJobs {
    public static final String JOB = "encode-video";

    public JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    public long start(String videoId) {
        Properties params = new Properties();
        params.setProperty("videoId", videoId);
        params.setProperty("node", node());
        // the video learns its execution id from the job listener's beforeJob: one writer, no lost update
        return operator().start(JOB, params);
    }

    /** Restarts a stopped or failed execution; the new execution redoes only what is not stored yet. */
    public long restart(long executionId) {
        JobExecution previous = operator().getJobExecution(executionId);
        Properties params = previous.getJobParameters();
        params.setProperty("node", node());
        return operator().restart(executionId, params);
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

    static String node() {
        return System.getProperty("jboss.node.name", "kinora");
    }
}
