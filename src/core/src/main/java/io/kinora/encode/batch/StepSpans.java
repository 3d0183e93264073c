package io.kinora.encode.batch;

import io.kinora.tracing.JobTraces;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** A span per step under the job's span, when the job carries a trace (see {@link JobTraces}). */
@Named("stepSpans")
@Dependent
public class StepSpans implements StepListener {
    @Inject JobContext job;
    @Inject StepContext step;
    @Inject JobTraces traces;

    @Override
    public void beforeStep() {
        traces.stepStarted(job.getExecutionId(), step.getStepName());
    }

    @Override
    public void afterStep() {
        traces.stepEnded(job.getExecutionId(), step.getStepName(), step.getException());
    }
}
