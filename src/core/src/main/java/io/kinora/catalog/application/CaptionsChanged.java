package io.kinora.catalog.application;

/** Fired (synchronously) when a video's captions were added, replaced or deleted: its master playlist lists them. */
public record CaptionsChanged(String videoId) { }
