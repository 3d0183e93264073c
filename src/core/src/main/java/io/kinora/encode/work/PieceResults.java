package io.kinora.encode.work;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The outcomes this node's partitions wait for, by dispatch id; outcomes of other nodes' items pass by. */
@ApplicationScoped
public class PieceResults {
    private final ConcurrentHashMap<String, CompletableFuture<WorkDispatch.Outcome>> pending = new ConcurrentHashMap<>();

    public CompletableFuture<WorkDispatch.Outcome> expect(String dispatchId) {
        return pending.computeIfAbsent(dispatchId, k -> new CompletableFuture<>());
    }

    /** Whether a partition of this node waits for this item (then its execution runs here). */
    boolean awaits(String dispatchId) {
        return pending.containsKey(dispatchId);
    }

    /** Hands the outcome to the partition of this node that waits for it; false when none does. */
    boolean arrived(WorkDispatch.Outcome outcome) {
        CompletableFuture<WorkDispatch.Outcome> f = pending.get(outcome.dispatchId());
        if (f == null) return false;
        f.complete(outcome);
        return true;
    }

    public void forget(String dispatchId) {
        pending.remove(dispatchId);
    }
}
