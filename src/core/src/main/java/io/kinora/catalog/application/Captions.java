package io.kinora.catalog.application;

import io.kinora.catalog.domain.VideoKeys;
import io.kinora.problem.ProblemException;
import io.kinora.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Captions the owner uploads as WebVTT, one per language, published as an HLS subtitle rendition: the .vtt, a
 * one-segment subtitle playlist beside it, and a SUBTITLES group in the master playlist.
 */
@ApplicationScoped
public class Captions {
    public static final int MAX_BYTES = 1 << 20;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})?");

    @Inject ObjectStore store;
    @Inject VideoCatalog catalog;
    @Inject jakarta.enterprise.event.Event<CaptionsChanged> changed;
    @Inject jakarta.enterprise.event.Event<OwnerCaptionsChanged> ownerChanged;

    /** The owner's captions: stored and announced; an automatic track of that language is theirs from now on. */
    public void put(String videoId, String language, byte[] vtt) throws IOException {
        String lang = language(language);
        String text = webVtt(vtt);
        store(videoId, lang, text);
        ownerChanged.fire(new OwnerCaptionsChanged(videoId, lang));
        changed.fire(new CaptionsChanged(videoId));
    }

    /** Stores a track (the .vtt and its one-segment playlist) without announcing it: {@link #announce} does. */
    public void store(String videoId, String lang, String text) throws IOException {
        var video = catalog.require(videoId);
        long millis = video.source().durationMillis() == null ? 0 : video.source().durationMillis();
        double seconds = Math.max(1, millis / 1000.0);
        String dir = new VideoKeys(videoId).hlsDir("captions");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        store.put(dir + lang + ".vtt", new ByteArrayInputStream(bytes), bytes.length, "text/vtt");
        String playlist = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:" + (long) Math.ceil(seconds)
                + "\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:" + String.format(Locale.ROOT, "%.3f", seconds) + ",\n"
                + lang + ".vtt\n#EXT-X-ENDLIST\n";
        byte[] p = playlist.getBytes(StandardCharsets.UTF_8);
        store.put(dir + lang + ".m3u8", new ByteArrayInputStream(p), p.length, "application/vnd.apple.mpegurl");
    }

    /** The master playlist lists the video's captions as they are now. */
    public void announce(String videoId) {
        changed.fire(new CaptionsChanged(videoId));
    }

    /** The languages of the video's captions, sorted. */
    public List<String> languages(String videoId) throws IOException {
        String prefix = new VideoKeys(videoId).hlsDir("captions");
        return store.list(prefix).stream().map(i -> i.key().substring(prefix.length()))
                .filter(n -> n.endsWith(".vtt")).map(n -> n.substring(0, n.length() - 4)).sorted().toList();
    }

    public void delete(String videoId, String language) throws IOException {
        String lang = language(language);
        String dir = new VideoKeys(videoId).hlsDir("captions");
        if (!store.exists(dir + lang + ".vtt")) throw ProblemException.notFound("no-such-captions", "no captions " + lang);
        store.delete(dir + lang + ".vtt");
        store.delete(dir + lang + ".m3u8");
        ownerChanged.fire(new OwnerCaptionsChanged(videoId, lang));
        changed.fire(new CaptionsChanged(videoId));
    }

    /** The text of an uploaded WebVTT file (UTF-8, up to 1 MiB, starts with WEBVTT); 400 invalid-captions if not. */
    static String webVtt(byte[] vtt) {
        if (vtt.length == 0 || vtt.length > MAX_BYTES) {
            throw ProblemException.badRequest("invalid-captions", "captions must be 1 byte to 1 MiB of WebVTT");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(vtt)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("invalid-captions", "captions must be UTF-8 WebVTT");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (!(text.startsWith("WEBVTT") && (text.length() == 6 || Character.isWhitespace(text.charAt(6))))) {
            throw ProblemException.badRequest("invalid-captions", "not WebVTT: the file must start with WEBVTT");
        }
        return text;
    }

    public static String language(String raw) {
        String lang = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        if (!LANGUAGE.matcher(lang).matches()) {
            throw ProblemException.badRequest("invalid-language", "language is a tag like en, pt-br or deu");
        }
        return lang;
    }
}
