package io.kinora.catalog.application;

/**
 * Fired (synchronously) when a video is about to be deleted, before its objects and row go: work on it stops here
 * (its encode job, a torrent import's download) and removes its own files. An observer that cannot stop the work
 * throws, and the video stays.
 */
public record VideoRemoving(String videoId, long ownerId, Long jobExecutionId) { }
