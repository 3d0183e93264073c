package io.kinora.progress;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the live feed: "progress" (stage, percent, pieces) or "status" (READY, COMPLETED, FAILED,
 * DELETED...). Ids come from one sequence, so they increase in every stream cut from the feed.
 */
public record VideoEvent(long id, String videoId, long ownerId, String type, Instant at, Map<String, Object> data) {
    public boolean stateChange() { return "status".equals(type); }
}
