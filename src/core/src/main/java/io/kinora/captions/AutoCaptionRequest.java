package io.kinora.captions;

import io.kinora.catalog.application.Captions;
import io.kinora.problem.ProblemException;
import java.util.Locale;

/**
 * What an upload says about automatic captions: {@code autoCaptions=true|false} (null: the configuration's default)
 * and {@code captionsLang} (null: the engine's default). 400 {@code invalid-auto-captions} / {@code invalid-language}.
 */
public record AutoCaptionRequest(Boolean wanted, String lang) {
    public static final AutoCaptionRequest DEFAULT = new AutoCaptionRequest(null, null);

    public static AutoCaptionRequest parse(String autoCaptions, String captionsLang) {
        Boolean wanted = null;
        if (autoCaptions != null && !autoCaptions.isBlank()) {
            wanted = switch (autoCaptions.strip().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw ProblemException.badRequest("invalid-auto-captions", "autoCaptions is true or false");
            };
        }
        String lang = captionsLang == null || captionsLang.isBlank() ? null : Captions.language(captionsLang.strip());
        return new AutoCaptionRequest(wanted, lang);
    }

    public boolean saysSomething() {
        return wanted != null || lang != null;
    }
}
