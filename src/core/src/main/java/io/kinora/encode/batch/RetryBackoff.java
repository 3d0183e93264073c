package io.kinora.encode.batch;

import jakarta.batch.api.chunk.listener.RetryProcessListener;
import jakarta.batch.api.chunk.listener.RetryWriteListener;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import jakarta.batch.api.BatchProperty;
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

    @Inject @BatchProperty(name = "baseMillis") String baseMillis;

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
        long base = baseMillis == null ? 500 : Long.parseLong(baseMillis);
        long delay = Math.min(30_000, base << Math.min(attempt++, 6));
        LOG.warning(() -> "Retrying " + what + " in " + delay + " ms after: " + ex.getMessage());
        Thread.sleep(delay);
    }
}
