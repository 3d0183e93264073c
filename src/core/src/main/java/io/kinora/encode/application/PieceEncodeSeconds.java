package io.kinora.encode.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long this node's piece encodes took (one work item: a piece's renditions, wall clock), as the buckets of a
 * Prometheus histogram: an average hides the slow pieces an operator looks for.
 */
@ApplicationScoped
public class PieceEncodeSeconds {
    private static final double[] BOUNDS = {0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600};

    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1]; // the last: above every bound
    private final DoubleAdder sum = new DoubleAdder();

    public PieceEncodeSeconds() {
        for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
    }

    public void observe(long nanos) {
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BOUNDS.length && seconds > BOUNDS[i]) i++;
        counts[i].increment();
        sum.add(seconds);
    }

    /** Upper bounds of the buckets, without +Inf. */
    public double[] bounds() {
        return BOUNDS.clone();
    }

    /** Encodes up to each bound (cumulative, as Prometheus counts them); the last entry is all of them (+Inf). */
    public long[] cumulative() {
        long[] out = new long[counts.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) out[i] = running += counts[i].sum();
        return out;
    }

    public double sum() {
        return sum.sum();
    }
}
