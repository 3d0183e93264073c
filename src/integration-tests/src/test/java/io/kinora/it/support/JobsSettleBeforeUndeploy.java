package io.kinora.it.support;

import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.spi.event.container.BeforeUnDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Before Arquillian undeploys Kinora after a test class, waits (up to two minutes) until no encode job is running.
 * A job the undeploy stops inside its split (thumbnails | report) leaves JBeret's split thread waiting forever on
 * flows that never report back, one batch thread lost per such job; a few of those and the next class's encodes
 * find no thread. Tests therefore must not end with an encode in flight; this makes sure none does.
 */
public class JobsSettleBeforeUndeploy implements LoadableExtension {
    private static final List<String> RUNNING = List.of("STARTING", "STARTED", "STOPPING");

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(JobsSettleBeforeUndeploy.class);
    }

    public void settle(@Observes BeforeUnDeploy event) {
        Api api = Api.local();
        String admin;
        try {
            admin = api.token(Api.ADMIN, Api.ADMIN_PASSWORD);
        } catch (RuntimeException | AssertionError e) {
            return; // not reachable or not ours: nothing to wait for
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            long running = RUNNING.stream().mapToLong(s -> {
                Api.Reply r = api.get("/api/v1/jobs?limit=100&status=" + s, Api.bearer(admin));
                return r.status() == 200 ? r.jsonArray().size() : 0;
            }).sum();
            if (running == 0) return;
            Videos.sleep(250);
        }
        System.err.println("[it] encode jobs still running at undeploy after 2 minutes");
    }
}
