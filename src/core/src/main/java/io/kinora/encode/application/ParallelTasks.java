package io.kinora.encode.application;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs a step's independent FFmpeg tasks on the managed executor and waits for every one of them: the first failure
 * is rethrown only once all have ended, so no task is still writing after the step has given up. A lone task runs on
 * the caller's thread.
 */
public final class ParallelTasks {
    private ParallelTasks() { }

    public static <T> List<T> all(ManagedExecutorService executor, List<Callable<T>> tasks) throws Exception {
        if (tasks.size() == 1) return Collections.singletonList(tasks.get(0).call());
        List<Future<T>> running = new ArrayList<>();
        for (Callable<T> task : tasks) running.add(executor.submit(task));
        List<T> results = new ArrayList<>();
        Exception first = null;
        for (Future<T> f : running) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                if (first == null) first = e.getCause() instanceof Exception x ? x : e;
                results.add(null);
            }
        }
        if (first != null) throw first;
        return results;
    }
}
