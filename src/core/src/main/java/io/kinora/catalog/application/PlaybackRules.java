package io.kinora.catalog.application;

import io.kinora.catalog.domain.PlaybackRule;
import io.kinora.catalog.domain.VideoRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The access rule of each video, cached: every segment and range request needs it, and a query per request
 * was most of the cost of serving media. A change on this node ({@link VideoChanged}: visibility, delete)
 * evicts the entry once its transaction has ended, so it is honoured at once; the TTL only bounds how long
 * another node's change can go unseen. A load that overlaps an eviction is returned but not kept, so a
 * reader that read the row just before the commit cannot put the old rule back.
 */
@ApplicationScoped
public class PlaybackRules {
    @Inject VideoRepository videos;

    /** Multi-node safety net only; 0 turns the cache off. */
    @Inject @ConfigProperty(name = "kinora.stream.access-cache-seconds", defaultValue = "5")
    long ttlSeconds;

    @Inject @ConfigProperty(name = "kinora.stream.access-cache-size", defaultValue = "10000")
    int maxEntries;

    private record Entry(PlaybackRule rule, long loadedAt) { }

    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong evictions = new AtomicLong();

    /** The rule of an existing video; unknown ids are not cached (a created video must be visible at once). */
    public Optional<PlaybackRule> find(String videoId) {
        long now = System.nanoTime();
        Entry e = cache.get(videoId);
        if (e != null && now - e.loadedAt() < TimeUnit.SECONDS.toNanos(ttlSeconds)) return Optional.of(e.rule());
        long seen = evictions.get();
        Optional<PlaybackRule> rule = videos.playbackRule(videoId);
        if (rule.isPresent() && ttlSeconds > 0) {
            if (cache.size() >= maxEntries) cache.clear(); // crude bound; a refill costs one query per video
            Entry fresh = new Entry(rule.get(), now);
            cache.put(videoId, fresh);
            if (evictions.get() != seen) cache.remove(videoId, fresh);
        }
        return rule;
    }

    public void evict(String videoId) {
        evictions.incrementAndGet();
        cache.remove(videoId);
    }

    /** After commit or rollback: from then on the database holds what the next load must see. */
    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) VideoChanged change) {
        evict(change.videoId());
    }
}
