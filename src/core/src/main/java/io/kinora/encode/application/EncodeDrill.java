package io.kinora.encode.application;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A point where a drill may make an encode fail. Production has none ({@link None}); the integration tests deploy an
 * alternative that fails encodes on request, to rehearse retries and failed jobs on the real server.
 */
public interface EncodeDrill {
    /** Called just before a piece's FFmpeg starts; throws to make that encode fail. */
    void beforePieceEncode(String what);

    /** No drill. */
    @ApplicationScoped
    class None implements EncodeDrill {
        @Override
        public void beforePieceEncode(String what) { }
    }
}
