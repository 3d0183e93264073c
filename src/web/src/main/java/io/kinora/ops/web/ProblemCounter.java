package io.kinora.ops.web;

import io.kinora.ops.metrics.OpsCounters;
import io.kinora.web.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Counts every problem answer by status and code, for the error-rate metrics. */
@Provider
public class ProblemCounter implements ContainerResponseFilter {
    @Inject OpsCounters counters;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem p) counters.problem(p.status(), p.code());
    }
}
