package io.kinora.encode.batch;

import io.kinora.encode.work.PieceWork;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The encode step's work list, per job execution, from which every partition takes its next item. Items dealt out
 * in advance left partitions idle at the end of each phase while another still had a list to work through (the
 * first rendition waited for the slowest partition's share); taken one at a time, all cores finish the lowest rung
 * together, then the rest. In memory only: a restart plans again and the readers skip what is stored.
 */
@ApplicationScoped
public class EncodeWorkQueue {
    private final ConcurrentHashMap<Long, Queue<PieceWork>> queues = new ConcurrentHashMap<>();

    void open(long execution, List<PieceWork> items) {
        queues.put(execution, new ConcurrentLinkedQueue<>(items));
    }

    /** The next item, or null when there is none left (or the execution has no queue on this node). */
    PieceWork next(long execution) {
        Queue<PieceWork> q = queues.get(execution);
        return q == null ? null : q.poll();
    }

    void close(long execution) {
        queues.remove(execution);
    }
}
