package io.kinora.catalog.application;

/** Fired (synchronously) once a video's objects and row are gone. */
public record VideoRemoved(String videoId, long ownerId) { }
