package io.kinora.catalog.application;

/**
 * Fired (synchronously, before {@link CaptionsChanged}) when the owner uploads or deletes captions in a language: an
 * automatic track of that language is theirs from then on.
 */
public record OwnerCaptionsChanged(String videoId, String lang) { }
