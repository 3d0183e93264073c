package io.kinora.captions;

import java.util.Optional;

/** A configured engine, or the reason there is none (for the step's note and for health). */
public record Availability(Optional<SpeechEngine> engine, String description) {
    public static Availability of(SpeechEngine engine, String description) {
        return new Availability(Optional.of(engine), description);
    }

    public static Availability none(String why) {
        return new Availability(Optional.empty(), why);
    }
}
