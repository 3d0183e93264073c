package io.kinora.catalog.application;

import java.util.Set;

/**
 * Which of a video's caption tracks speech recognition made (the master playlist names them "{lang} (automatic)").
 * Implemented by the captions capability; the catalog and the packager only ask.
 */
public interface AutomaticCaptions {
    Set<String> automaticLanguages(String videoId);
}
