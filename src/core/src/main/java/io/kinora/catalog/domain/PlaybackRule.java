package io.kinora.catalog.domain;

/**
 * All a media request needs to know about a video to decide who may watch it: who owns it and its visibility.
 * Whether a file exists is the store's answer, so status and renditions are not part of it.
 */
public record PlaybackRule(String videoId, long ownerId, Visibility visibility) { }
