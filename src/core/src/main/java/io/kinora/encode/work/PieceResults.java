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

    void arrived(WorkDispatch.Outcome outcome) {
        CompletableFuture<WorkDispatch.Outcome> f = pending.get(outcome.dispatchId());
        if (f != null) f.complete(outcome);
    }

    public void forget(String dispatchId) {
        pending.remove(dispatchId);
    }
}
