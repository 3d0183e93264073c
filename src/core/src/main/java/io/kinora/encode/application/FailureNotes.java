package io.kinora.encode.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The last failure seen while encoding a video, so a FAILED video says why in words. */
@ApplicationScoped
public class FailureNotes {
    private final Map<String, String> notes = new ConcurrentHashMap<>();

    public void note(String videoId, String what) { notes.put(videoId, what); }

    /** Keeps the first, most specific note (e.g. the piece that failed) over later step summaries. */
    public void noteIfAbsent(String videoId, String what) { notes.putIfAbsent(videoId, what); }

    public String take(String videoId, String fallback) {
        String n = notes.remove(videoId);
        return n == null ? fallback : n;
    }
}
