package io.kinora.catalog.application;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.OptimisticLockException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Runs {@link RetryOnConflict} methods again when their transaction lost a version race. Its priority puts it
 * outside the transaction interceptor (PLATFORM_BEFORE + 200), so each attempt is a transaction of its own and the
 * conflict, which surfaces at commit, is seen here.
 */
@RetryOnConflict
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RetryOnConflictInterceptor {
    private static final Logger LOG = Logger.getLogger(RetryOnConflictInterceptor.class.getName());
    /** A publication's transaction also writes the master playlist: under a stream of edits it can lose many times. */
    static final int ATTEMPTS = 20;

    @AroundInvoke
    Object retry(InvocationContext call) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.proceed();
            } catch (Exception e) {
                if (attempt >= ATTEMPTS || !lostVersionRace(e)) throw e;
                int n = attempt;
                LOG.fine(() -> call.getMethod().getName() + " lost a version race, attempt " + n + " of " + ATTEMPTS);
                // a few milliseconds, jittered, so two writers that collided do not collide again in step
                Thread.sleep(ThreadLocalRandom.current().nextLong(2, Math.min(200, 10L * attempt)));
            }
        }
    }

    static boolean lostVersionRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t.getClass().getName().equals("org.hibernate.StaleObjectStateException")) {
                return true;
            }
        }
        return false;
    }
}
