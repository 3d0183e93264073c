package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.encode.application.EncodeSettings;
import io.kinora.encode.application.FailureNotes;
import io.kinora.encode.work.PieceResults;
import io.kinora.encode.work.PieceWork;
import io.kinora.encode.work.StoredOutputs;
import io.kinora.encode.work.StoredPiece;
import io.kinora.encode.work.WorkDispatch;
import io.kinora.media.FfmpegException;
import io.kinora.storage.ObjectStore;
import io.kinora.tracing.JobTraces;
import io.kinora.tracing.TraceParent;
import io.kinora.tracing.TraceScope;
import io.kinora.tracing.Traces;
import io.opentelemetry.context.Scope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands one work item to the encoders of every node (the shared work queue) and waits for it: for its outcome, or,
 * should that message be lost, for its pieces to appear in the store, up to {@code kinora.encode.item-deadline}.
 * A failed or overdue item throws a retryable exception (see the job XML): the chunk is retried and the item sent again,
 * which costs nothing for what is already stored. The failure is noted so a FAILED video says why.
 */
@Named("pieceDispatcher")
@Dependent
public class PieceDispatcher implements ItemProcessor {
    private static final long POLL_SECONDS = 2;

    @Inject @JobVideoId String videoId;
    @Inject JobContext job;
    @Inject VideoLifecycle lifecycle;
    @Inject WorkDispatch dispatch;
    @Inject PieceResults results;
    @Inject ObjectStore store;
    @Inject EncodeSettings settings;
    @Inject FailureNotes failures;
    @Inject JobTraces traces;
    @Inject Traces spans;

    private String lowest;

    @Override
    public Object processItem(Object item) throws Exception {
        PieceWork work = (PieceWork) item;
        if (lowest == null) {
            var renditions = lifecycle.require(videoId).renditions(); // sorted by height
            lowest = renditions.isEmpty() ? "" : renditions.get(0).name();
        }
        String what = work.isAudio() ? "the audio track" : "piece " + work.piece() + " of " + String.join(", ", work.renditions());
        String id = UUID.randomUUID().toString();
        CompletableFuture<WorkDispatch.Outcome> outcome = results.expect(id);
        Span span = itemSpan(work);
        try (Scope scope = TraceScope.enter(span)) {
            dispatch.send(new WorkDispatch.Item(id, videoId, job.getExecutionId(), work, TraceParent.of(span)),
                    work.isAudio() || work.group().contains(lowest));
            WorkDispatch.Outcome o = await(outcome, work, what);
            span.setAttribute("kinora.node", String.valueOf(o.node()));
            if (o.skipped()) return List.of(); // the job is stopping: nothing was stored, a restart redoes the item
            if (!o.ok()) {
                failures.note(videoId, "encoding " + what + " failed on " + o.node() + ": " + o.error());
                throw new FfmpegException("encoding " + what + " failed on " + o.node() + ": " + o.error());
            }
        } catch (Exception e) {
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
            results.forget(id);
        }
        if (work.isAudio()) return List.of(StoredPiece.AUDIO);
        return work.renditions().stream().map(r -> new StoredPiece(r, work.piece())).toList();
    }

    /** The item's span under the encode step's, from sending to its outcome; the invalid span without a trace. */
    private Span itemSpan(PieceWork work) {
        String step = traces.step(job.getExecutionId(), "encode");
        if (step == null) return Span.getInvalid();
        Span span = spans.start("encode item", step, SpanKind.PRODUCER);
        span.setAttribute("kinora.piece", work.piece());
        span.setAttribute("kinora.renditions", String.join(",", work.renditions()));
        return span;
    }

    private WorkDispatch.Outcome await(CompletableFuture<WorkDispatch.Outcome> outcome, PieceWork work, String what)
            throws Exception {
        long deadline = System.nanoTime() + settings.itemDeadline().toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return outcome.get(POLL_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // a stop: the item is being encoded anyway; waiting for it keeps "stopped" meaning "nothing in flight"
                    interrupted = true;
                    continue;
                } catch (TimeoutException notYet) {
                    // the outcome message may be lost: the store tells as well
                }
                if (StoredOutputs.missing(store, videoId, work) == null) {
                    return new WorkDispatch.Outcome(null, videoId, true, "?", null);
                }
                if (System.nanoTime() > deadline) {
                    failures.note(videoId, "no node finished " + what + " in " + settings.itemDeadline());
                    throw new FfmpegException("no node finished " + what + " in " + settings.itemDeadline());
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
