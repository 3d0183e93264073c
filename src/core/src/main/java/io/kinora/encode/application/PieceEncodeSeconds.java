package io.kinora.encode.application;

import io.kinora.tracing.Histogram;
import jakarta.enterprise.context.ApplicationScoped;

/** How long this node's piece encodes took (one work item: a piece's renditions, wall clock); exemplar: its trace. */
@ApplicationScoped
public class PieceEncodeSeconds extends Histogram {
    public PieceEncodeSeconds() {
        super(0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600);
    }
}
