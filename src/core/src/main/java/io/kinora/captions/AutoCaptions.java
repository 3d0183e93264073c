package io.kinora.captions;

import io.kinora.captions.AutoCaptionRecords.Record;
import io.kinora.captions.AutoCaptionRecords.State;
import io.kinora.catalog.application.Captions;
import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.WorkFiles;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.media.FfmpegException;
import io.kinora.media.FfmpegRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Speech to a WebVTT track for one video, the work of the {@code captions} step: the sound of the smallest published
 * rendition (what the player plays, on its timeline) as 16 kHz mono PCM by FFmpeg, the configured recognizer over it
 * in overlapping chunks, cues from the word timings, published like the owner's captions and marked automatic. Never
 * throws: whatever goes wrong ends as a record (SKIPPED or FAILED) with a sentence saying why, and the video stays as it is.
 */
@ApplicationScoped
public class AutoCaptions {
    private static final Logger LOG = Logger.getLogger(AutoCaptions.class.getName());
    private static final Duration EXTRACT_TIMEOUT = Duration.ofHours(2);

    @Inject AutoCaptionRecords records;
    @Inject SpeechEngines engines;
    @Inject VideoLifecycle lifecycle;
    @Inject WorkFiles files;
    @Inject FfmpegRunner ffmpeg;
    @Inject Captions captions;

    private final java.util.Set<String> stopping = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The step is asked to stop (job stopped, video deleted): it ends after the chunk it is hearing. */
    public void stop(String videoId) {
        stopping.add(videoId);
    }

    /** {@code kinora.captions.auto}: whether an upload that does not say gets automatic captions. */
    public static boolean onByDefault() {
        return ConfigProvider.getConfig().getOptionalValue("kinora.captions.auto", Boolean.class).orElse(false);
    }

    /**
     * Makes the video's automatic captions if they are wanted ({@code ownJob}: asked for by the owner; otherwise the
     * upload's choice or the default) and not made yet. Returns the step's exit status: OFF, ALREADY_DONE, DONE,
     * SKIPPED, RECOGNIZER_FAILED or STOPPED (the batch status is COMPLETED unless the job was stopped).
     */
    public String make(String videoId, boolean ownJob, long executionId) {
        stopping.remove(videoId);
        try {
            return makeUnlessStopped(videoId, ownJob, executionId);
        } finally {
            stopping.remove(videoId);
        }
    }

    private String makeUnlessStopped(String videoId, boolean ownJob, long executionId) {
        Optional<Record> record = records.find(videoId);
        Boolean requested = record.map(Record::requested).orElse(null);
        if (!ownJob && !(requested != null ? requested : onByDefault())) {
            if (record.map(r -> r.state() == State.REQUESTED).orElse(false)) { // the upload said autoCaptions=false
                records.ended(videoId, State.SKIPPED, null, "automatic captions were not asked for");
            }
            return "OFF";
        }
        if (!ownJob && record.map(r -> r.state() == State.DONE || r.state() == State.REPLACED).orElse(false)) {
            return "ALREADY_DONE"; // a restarted job: the track is out
        }
        Availability availability = engines.current();
        if (availability.engine().isEmpty()) return skipped(videoId, null, "no automatic captions: " + availability.description());
        SpeechEngine engine = availability.engine().get();
        String lang = record.map(Record::lang).orElse(null);
        if (lang == null) lang = engine.defaultLanguage();
        try {
            Video video = lifecycle.require(videoId);
            if (video.source().audioCodec() == null) return skipped(videoId, engine, "the video has no sound");
            if (!engine.speaks(lang)) return skipped(videoId, engine, engine.name() + " has no model for " + lang);
            Optional<String> automatic = records.find(videoId).flatMap(Record::automaticTrack);
            if (captions.languages(videoId).contains(lang) && !automatic.equals(Optional.of(lang))) {
                return skipped(videoId, engine, "the owner's " + lang + " captions are kept");
            }
            records.running(videoId, engine.name(), lang, executionId);
            Path scratch = files.workDir(videoId).resolve("auto-captions");
            Path pcm = speech(video, scratch);
            Config config = ConfigProvider.getConfig();
            Transcriber transcriber = new Transcriber(engine,
                    config.getOptionalValue("kinora.captions.chunk-seconds", Double.class).orElse(60.0),
                    config.getOptionalValue("kinora.captions.chunk-overlap-seconds", Double.class).orElse(4.0),
                    config.getOptionalValue("kinora.captions.chunk-timeout", Duration.class).orElse(Duration.ofMinutes(10)),
                    () -> stopping.contains(videoId));
            long started = System.nanoTime();
            Transcriber.Transcript transcript = transcriber.transcribe(pcm, lang, scratch.resolve("chunks"));
            double seconds = (System.nanoTime() - started) / 1e9;
            double audioSeconds = SpeechChunks.seconds(Files.size(pcm));
            List<Cue> cues = CueBuilder.build(transcript.words());
            if (cues.isEmpty()) {
                files.deleteTree(scratch);
                return skipped(videoId, engine, "no speech was recognized");
            }
            captions.store(videoId, lang, WebVttWriter.write(cues, engine.name()));
            records.done(videoId, engine.name(), lang, transcript.words().size(), audioSeconds, seconds,
                    cues.size() + " cues from " + transcript.words().size() + " words by " + engine.name());
            captions.announce(videoId);
            files.deleteTree(scratch);
            LOG.info(() -> String.format(java.util.Locale.ROOT, "Automatic captions of %s: %d words, %.1f s of audio in %.1f s (%d of %d chunks now)",
                    videoId, transcript.words().size(), audioSeconds, seconds, transcript.heardNow(), transcript.chunks()));
            return "DONE";
        } catch (Transcriber.Stopped e) {
            LOG.info(() -> "Automatic captions of " + videoId + " stopped; the chunks heard so far stay for a restart");
            try {
                records.ended(videoId, State.FAILED, engine.name(), "stopped before it finished");
            } catch (RuntimeException gone) {
                // the video was deleted: its record went with it
            }
            return "STOPPED";
        } catch (SpeechEngineException e) {
            return failed(videoId, engine, e.getMessage(), e);
        } catch (FfmpegException e) {
            return failed(videoId, engine, "FFmpeg could not extract the sound", e);
        } catch (Exception | LinkageError e) {
            return failed(videoId, engine, "automatic captions failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The sound as 16 kHz mono PCM, made once per run (a marker says it is whole, so a restart reuses it). */
    private Path speech(Video video, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path pcm = scratch.resolve("speech.pcm");
        Path whole = scratch.resolve("speech.done");
        if (Files.isRegularFile(whole) && Files.isRegularFile(pcm)) return pcm;
        Optional<Rendition> smallest = video.renditions().stream()
                .filter(r -> r.status() == Rendition.Status.PUBLISHED && r.mp4Key() != null)
                .min(Comparator.comparingInt(Rendition::height));
        Path input;
        String demuxer;
        if (smallest.isPresent()) {
            input = files.materialize(smallest.get().mp4Key(), scratch.resolve("rendition.mp4"));
            demuxer = "mov";
        } else {
            input = files.materialize(new VideoKeys(video.id()).source(), files.localSource(video.id()));
            demuxer = video.source().container();
        }
        ffmpeg.run("speech extraction", ffmpeg.commands().speechPcm(input, demuxer, pcm), EXTRACT_TIMEOUT);
        if (smallest.isPresent()) Files.deleteIfExists(input);
        Files.writeString(whole, "");
        return pcm;
    }

    private String skipped(String videoId, SpeechEngine engine, String note) {
        records.ended(videoId, State.SKIPPED, engine == null ? null : engine.name(), note);
        LOG.info(() -> "Automatic captions of " + videoId + " skipped: " + note);
        return "SKIPPED";
    }

    private String failed(String videoId, SpeechEngine engine, String note, Throwable e) {
        LOG.log(Level.WARNING, "Automatic captions of " + videoId + " failed: " + note, e);
        try { // an outcome, not an interruption: nothing to resume from (a crash leaves the chunks for the restart)
            files.deleteTree(files.workDir(videoId).resolve("auto-captions"));
        } catch (IOException | RuntimeException cleanup) {
            LOG.log(Level.FINE, "scratch of " + videoId + " left behind", cleanup);
        }
        try {
            records.ended(videoId, State.FAILED, engine.name(), note + "; the video plays without automatic captions");
        } catch (RuntimeException again) {
            LOG.log(Level.WARNING, "could not record the failure of the automatic captions of " + videoId, again);
        }
        return "RECOGNIZER_FAILED";
    }
}
