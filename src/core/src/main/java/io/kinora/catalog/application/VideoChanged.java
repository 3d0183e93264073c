package io.kinora.catalog.application;

/** Fired when a video's row is described anew (title, visibility) or deleted: copies of it held elsewhere are stale. */
public record VideoChanged(String videoId) { }
