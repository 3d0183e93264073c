package io.kinora.catalog.application;

/**
 * Fired (synchronously) when a video is about to be deleted, before its objects and row go: work that is not an
 * encode job (a torrent import's download) stops here and removes its own files.
 */
public record VideoRemoving(String videoId, long ownerId) { }
