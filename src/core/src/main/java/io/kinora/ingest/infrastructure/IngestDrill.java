package io.kinora.ingest.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Points where a drill may make an encode dispatch fail. Production has none ({@link None}); the integration tests
 * deploy an alternative, to rehearse redelivery, duplicates and the dead-letter queue on the real broker.
 */
public interface IngestDrill {
    /** Before the dispatch starts the job; throws to fail the delivery. */
    void beforeStart();

    /** After the dispatch started (or found) the job; throws to fail the delivery anyway. */
    void afterStart(int deliveryCount);

    /** No drill. */
    @ApplicationScoped
    class None implements IngestDrill {
        @Override
        public void beforeStart() { }

        @Override
        public void afterStart(int deliveryCount) { }
    }
}
