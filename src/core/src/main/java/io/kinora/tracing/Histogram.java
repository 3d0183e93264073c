package io.kinora.tracing;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Seconds of something, as the buckets of a Prometheus histogram (an average hides the slow ones an operator looks
 * for). Each bucket remembers the trace of its latest traced observation: an exemplar, which leads from a slow bucket
 * on a dashboard to the trace that shows where the time went.
 */
public class Histogram {
    /** An observation with its trace; {@code epochMillis} when it was made. */
    public record Exemplar(String traceId, double value, long epochMillis) { }

    private final double[] bounds;
    private final LongAdder[] counts; // the last: above every bound
    private final DoubleAdder sum = new DoubleAdder();
    private final AtomicReferenceArray<Exemplar> exemplars;

    /** {@code bounds}: the buckets' upper bounds in seconds, ascending, without +Inf. */
    public Histogram(double... bounds) {
        this.bounds = bounds.clone();
        this.counts = new LongAdder[bounds.length + 1];
        for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
        this.exemplars = new AtomicReferenceArray<>(counts.length);
    }

    /** One observation; {@code traceId} (null: none) becomes its bucket's exemplar. */
    public void observe(double seconds, String traceId) {
        int i = 0;
        while (i < bounds.length && seconds > bounds[i]) i++;
        counts[i].increment();
        sum.add(seconds);
        if (traceId != null) exemplars.set(i, new Exemplar(traceId, seconds, System.currentTimeMillis()));
    }

    public void observe(double seconds) {
        observe(seconds, null);
    }

    /** Upper bounds of the buckets, without +Inf. */
    public double[] bounds() {
        return bounds.clone();
    }

    /** Observations up to each bound (cumulative, as Prometheus counts them); the last entry is all of them (+Inf). */
    public long[] cumulative() {
        long[] out = new long[counts.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) out[i] = running += counts[i].sum();
        return out;
    }

    public double sum() {
        return sum.sum();
    }

    /** The latest traced observation that fell in bucket {@code i} (not cumulative: exactly that bucket), or null. */
    public Exemplar exemplar(int i) {
        return exemplars.get(i);
    }
}
