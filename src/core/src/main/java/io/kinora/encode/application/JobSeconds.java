package io.kinora.encode.application;

import io.kinora.tracing.Histogram;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Encode jobs that completed on this node (the one that ran the job, whichever encoded its pieces), from the job's
 * start to its end, all steps; exemplar: the upload's trace. Failed and stopped jobs are not in it: their time says
 * nothing about how long an encode takes.
 */
@ApplicationScoped
public class JobSeconds extends Histogram {
    public JobSeconds() {
        super(5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200);
    }
}
