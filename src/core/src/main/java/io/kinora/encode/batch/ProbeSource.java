package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.application.VideoLifecycle.PlannedRendition;
import io.kinora.catalog.domain.SourceMetadata;
import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.Profiles;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.encode.application.WorkFiles;
import io.kinora.media.Ladder;
import io.kinora.media.LadderPlanner;
import io.kinora.media.MediaLimits;
import io.kinora.media.MediaProbe;
import io.kinora.media.ProcessRunner;
import io.kinora.media.MediaRejectedException;
import io.kinora.media.ProbeResult;
import io.kinora.media.FfmpegLocator;
import io.kinora.progress.ProgressBoard;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.nio.file.Path;

/**
 * Step 1: ffprobe the stored source (whitelisted demuxers, local file only), record what it is and
 * plan the ladder (never upscaled). A source that is not a real video ends the job as REJECTED with
 * the machine-readable reason on the video.
 */
@Named("probeSource")
@Dependent
public class ProbeSource extends AbstractBatchlet {
    @Inject @JobVideoId String videoId;
    @Inject VideoLifecycle lifecycle;
    @Inject WorkFiles files;
    @Inject FfmpegLocator ffmpeg;
    @Inject ProgressBoard progress;
    @Inject JobCleanup cleanup;

    @Override
    public String process() throws Exception {
        progress.stage(videoId, "probing");
        Video video = lifecycle.require(videoId);
        Path source = files.materialize(new VideoKeys(videoId).source(), files.localSource(videoId));
        ProbeResult probe;
        try {
            // every ingest path (IngestService.acceptFile) already decoded the tail of these very bytes before storing
            // them; the probe here re-reads streams and limits from the stored copy without decoding seconds of it again
            probe = new MediaProbe(ffmpeg.installation(), new ProcessRunner(), MediaLimits.DEFAULT, MediaProbe.Tail.TRUST).probe(source);
        } catch (MediaRejectedException e) {
            lifecycle.failed(videoId, e.reason().code(), e.getMessage());
            cleanup.removeWork(videoId);
            progress.finished(videoId, "failed");
            return "REJECTED";
        }
        var v = probe.video();
        String fps = v.frameRate() == null ? "25/1" : v.frameRate().toString();
        SourceMetadata metadata = new SourceMetadata(probe.demuxer(), v.codec(),
                probe.audioStream().map(ProbeResult.AudioStream::codec).orElse(null),
                v.displayWidth(), v.displayHeight(), fps, Math.round(probe.durationSeconds() * 1000), probe.bitRate());
        Ladder ladder = Profiles.byName(video.profile()).orElse(Ladder.H264_DEFAULT);
        var plan = LadderPlanner.plan(ladder, probe).stream()
                .map(s -> new PlannedRendition(s.name(), s.codec().name(), s.width(), s.height(), s.bitrateKbps()))
                .toList();
        lifecycle.probed(videoId, metadata, plan);
        return "PROBED";
    }
}
