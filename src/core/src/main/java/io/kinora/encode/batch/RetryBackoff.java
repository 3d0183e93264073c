package io.kinora.encode.batch;

import jakarta.batch.api.chunk.listener.RetryProcessListener;
import jakarta.batch.api.chunk.listener.RetryWriteListener;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.List;
import java.util.logging.Logger;

/**
 * Exponential backoff between retries of a piece (Jakarta Batch retries at once otherwise):
 * base, 2x base, 4x base ... capped, so a briefly unavailable store or a loaded host gets room.
 */
@Named("retryBackoff")
@Dependent
public class RetryBackoff implements RetryProcessListener, RetryWriteListener {
    private static final Logger LOG = Logger.getLogger(RetryBackoff.class.getName());

    private static final long BASE_MILLIS = 500;

    private int attempt;

    @Override
    public void onRetryProcessException(Object item, Exception ex) throws Exception {
        pause("encode " + item, ex);
    }

    @Override
    public void onRetryWriteException(List<Object> items, Exception ex) throws Exception {
        pause("store " + items, ex);
    }

    private void pause(String what, Exception ex) throws InterruptedException {
        long delay = Math.min(30_000, BASE_MILLIS << Math.min(attempt++, 6));
        LOG.warning(() -> "Retrying " + what + " in " + delay + " ms after: " + ex.getMessage());
        Thread.sleep(delay);
    }
}
