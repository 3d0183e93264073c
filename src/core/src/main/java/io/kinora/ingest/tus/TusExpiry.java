package io.kinora.ingest.tus;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Removes stale tus uploads every 15 minutes (non-persistent timer: a missed run is just the next one). */
@Singleton
public class TusExpiry {
    private static final Logger LOG = Logger.getLogger(TusExpiry.class.getName());

    @Inject TusService tus;

    @Schedule(hour = "*", minute = "*/15", persistent = false)
    void purge() {
        int n = tus.purgeExpired();
        if (n > 0) LOG.info("removed " + n + " expired tus uploads");
    }
}
