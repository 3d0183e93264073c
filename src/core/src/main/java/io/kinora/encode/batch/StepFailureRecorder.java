package io.kinora.encode.batch;

import io.kinora.encode.application.FailureNotes;
import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Notes why a step failed, in words, so the FAILED video carries a readable reason. */
@Named("stepFailureRecorder")
@Dependent
public class StepFailureRecorder extends AbstractStepListener {
    @Inject @JobVideoId String videoId;
    @Inject StepContext step;
    @Inject FailureNotes notes;

    @Override
    public void afterStep() {
        Exception e = step.getException();
        if (e != null) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            notes.noteIfAbsent(videoId, "step " + step.getStepName() + " failed: " + root.getMessage());
        }
    }
}
