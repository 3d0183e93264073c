package io.kinora.captions;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The recognizer configuration chooses ({@code kinora.captions.engine}): {@code auto} (the default) takes the
 * command when {@code kinora.captions.command} is set, else pocketsphinx where installed, else none; {@code command},
 * {@code pocketsphinx} and {@code none} say it outright. Read at each use, so an operator can install a package or set
 * the command without a restart.
 */
@ApplicationScoped
public class SpeechEngines {

    public Availability current() {
        Config config = ConfigProvider.getConfig();
        String choice = config.getOptionalValue("kinora.captions.engine", String.class).orElse("auto").strip().toLowerCase(Locale.ROOT);
        String command = config.getOptionalValue("kinora.captions.command", String.class).orElse("");
        String language = config.getOptionalValue("kinora.captions.language", String.class).orElse("en");
        Path model = Path.of(config.getOptionalValue("kinora.captions.pocketsphinx.model", String.class)
                .orElse(PocketsphinxEngine.DEBIAN_MODEL.toString()));
        String path = System.getenv("PATH") == null ? "/usr/bin:/bin" : System.getenv("PATH") + ":/usr/bin";
        return switch (choice) {
            case "none" -> Availability.none("automatic captions are off (kinora.captions.engine=none)");
            case "command" -> WhisperCommandEngine.find(command, language);
            case "pocketsphinx" -> PocketsphinxEngine.find(model, path);
            case "auto" -> {
                if (!command.isBlank()) yield WhisperCommandEngine.find(command, language);
                Availability ps = PocketsphinxEngine.find(model, path);
                yield ps.engine().isPresent() ? ps
                        : Availability.none("no recognizer: " + ps.description() + ", and kinora.captions.command is not set");
            }
            default -> Availability.none("kinora.captions.engine=" + choice + " is not an engine (auto, pocketsphinx, command, none)");
        };
    }
}
