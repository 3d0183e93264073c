package io.kinora.captions;

import io.kinora.captions.AutoCaptionRecords.Record;
import io.kinora.captions.AutoCaptionRecords.State;
import io.kinora.catalog.application.Captions;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.VideoStatus;
import io.kinora.encode.application.EncodeJobs;
import io.kinora.problem.ProblemException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import java.util.Properties;

/** The owner asks for automatic captions of a video that is out: the {@code auto-captions} job, checked first. */
@ApplicationScoped
public class AutoCaptionJobs {
    public static final String JOB = "auto-captions";

    @Inject AutoCaptionRecords records;
    @Inject SpeechEngines engines;
    @Inject Captions captions;

    /**
     * Starts the job for {@code video} in {@code language} (null: the engine's default). Refusals, each a stable code:
     * 400 invalid-language / unsupported-language, 409 video-processing / video-failed / auto-captions-running /
     * captions-exist, 422 no-sound, 503 captions-unavailable.
     */
    public synchronized Record start(Video video, String language) throws IOException {
        if (video.status() == VideoStatus.FAILED) throw ProblemException.conflict("video-failed", "the video failed to encode");
        if (video.status() != VideoStatus.COMPLETED) {
            throw ProblemException.conflict("video-processing", "the video is still being encoded; with autoCaptions=true on the upload its captions are made then");
        }
        String lang = language == null || language.isBlank() ? null : Captions.language(language);
        Availability availability = engines.current();
        SpeechEngine engine = availability.engine().orElseThrow(() ->
                new ProblemException(ProblemException.Kind.UNAVAILABLE, "captions-unavailable", "no speech recognizer: " + availability.description()));
        String effective = lang == null ? engine.defaultLanguage() : lang;
        if (!engine.speaks(effective)) {
            throw ProblemException.badRequest("unsupported-language", engine.name() + " has no model for " + effective);
        }
        if (video.source().audioCodec() == null) throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "no-sound", "the video has no sound");
        Optional<Record> previous = records.find(video.id());
        if (previous.isPresent() && running(previous.get())) {
            throw ProblemException.conflict("auto-captions-running", "automatic captions of this video are being made");
        }
        boolean automatic = previous.flatMap(Record::automaticTrack).equals(Optional.of(effective));
        if (captions.languages(video.id()).contains(effective) && !automatic) {
            throw ProblemException.conflict("captions-exist", "the video has the owner's " + effective
                    + " captions; remove them first to have automatic ones");
        }
        records.request(video.id(), true, effective, State.QUEUED);
        Properties params = new Properties();
        params.setProperty("videoId", video.id());
        params.setProperty("node", EncodeJobs.node());
        long execution = operator().start(JOB, params);
        records.attachExecution(video.id(), execution);
        return records.find(video.id()).orElseThrow();
    }

    /** QUEUED or RUNNING with an execution that is alive (one a crashed server left STARTED is not). */
    private boolean running(Record r) {
        if (r.state() != State.QUEUED && r.state() != State.RUNNING) return false;
        if (r.executionId() == null) return r.state() == State.QUEUED;
        try {
            var execution = operator().getJobExecution(r.executionId());
            if (!EncodeJobs.running(execution.getBatchStatus())) return false;
            // still STARTED in the job repository, but started on this node before this server did: it died with it
            boolean here = EncodeJobs.node().equals(execution.getJobParameters().getProperty("node"));
            long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            return !(here && execution.getCreateTime() != null && execution.getCreateTime().getTime() < jvmStart);
        } catch (RuntimeException gone) {
            return false;
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
