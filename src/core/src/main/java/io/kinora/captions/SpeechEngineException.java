package io.kinora.captions;

import java.io.IOException;

/** The recognizer could not be run or answered nonsense; the message is for the video's note (no paths). */
public class SpeechEngineException extends IOException {
    public SpeechEngineException(String message) {
        super(message);
    }
}
