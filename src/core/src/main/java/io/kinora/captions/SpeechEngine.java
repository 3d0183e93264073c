package io.kinora.captions;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A speech recognizer: reads a WAV file of 16 kHz mono 16-bit PCM and answers the words with their times. Run as a
 * process of its own with an argument vector (never a shell); nothing is downloaded at run time.
 */
public interface SpeechEngine {
    /** Short name for notes, health and the JSON ({@code pocketsphinx}, {@code command}). */
    String name();

    /** The language captions get when the request names none. */
    String defaultLanguage();

    /** Whether it can recognize this language (a BCP 47 tag such as {@code en} or {@code en-us}). */
    boolean speaks(String language);

    /** Words of the file in order, times from its first sample; an empty list for silence. */
    List<Word> recognize(Path wav, String language, Path scratch, Duration timeout) throws IOException;
}
