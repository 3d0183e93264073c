package io.kinora.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that builds FFmpeg and ffprobe argument lists.
 *
 * <p>Untrusted input is opened defensively: {@code -protocol_whitelist file} so a playlist or reference
 * inside the file cannot reach the network or other protocols; {@code -format_whitelist} so only real
 * video container demuxers run (no hls, concat, image2, *_pipe, lavfi, tty, data, subtitle or playlist
 * demuxers, which read other files or synthesize input); ffmpeg additionally gets {@code -f <demuxer>}
 * as decided by the probe, never guessed from the extension; and the path is passed absolute with a
 * {@code file:} prefix so nothing in a name is read as a protocol or option. Outputs get {@code file:} too.
 */
public final class FfmpegCommands {

    /**
     * Demuxers allowed for uploads (FFmpeg short names; "mov" is the mov/mp4/m4a/3gp/3g2/mj2 demuxer,
     * "matroska" also covers WebM, "mpeg" is MPEG-PS, "asf" is WMV). Raw elementary streams are left out:
     * without a container they carry no reliable timing.
     */
    public static final List<String> VIDEO_DEMUXERS =
            List.of("mov", "matroska", "webm", "avi", "mpegts", "mpeg", "flv", "asf", "ogg");

    /**
     * Pieces between segmenting and joining are NUT: it keeps every stream's own time base, so a piece's timestamps are
     * the source's exactly (Matroska rounds them to milliseconds). It holds no negative timestamps and no display
     * matrix: pieces are shifted by {@link SourceTimeline#offsetSeconds()} and rotated when encoded.
     */
    public static final String PIECE_DEMUXER = "nut";

    /** How far into the file the probe reads packets (to measure the keyframe interval and spot damage). */
    public static final int PROBE_PACKET_WINDOW_SECONDS = 20;

    private static final Set<String> DEMUXER_SET = Set.copyOf(VIDEO_DEMUXERS);

    private final FfmpegInstallation ffmpeg;

    public FfmpegCommands(FfmpegInstallation ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * Encoder tuning that is not part of a rendition: x264 preset name (mapped to speed for VP9), keyframe grid in
     * seconds, the source's nominal frame rate (frames per GOP), its display height (picks the scaler) and its
     * clockwise rotation (0, 90, 180, 270), which pieces do not carry.
     */
    public record EncoderOptions(String preset, double gopSeconds, Rational fps, int sourceHeight, int rotation) {
        public EncoderOptions {
            if (gopSeconds <= 0 || fps == null) {
                throw new IllegalArgumentException("gopSeconds > 0 and fps are required");
            }
        }

        /** Frames per GOP at the output rate, at least 1. */
        public int gopFrames() {
            return (int) Math.max(1, Math.round(gopSeconds * fps.toDouble()));
        }
    }

    /** Format, streams and the first {@value #PROBE_PACKET_WINDOW_SECONDS} s of packet flags as JSON. */
    public List<String> probe(Path source) {
        List<String> c = new ArrayList<>(List.of(ffmpeg.ffprobe().toString(),
                "-v", "error",
                "-protocol_whitelist", "file",
                "-format_whitelist", String.join(",", VIDEO_DEMUXERS),
                "-show_format", "-show_streams",
                "-show_entries", "packet=stream_index,pts_time,flags",
                "-read_intervals", "%+" + PROBE_PACKET_WINDOW_SECONDS,
                "-of", "json"));
        c.add(input(source));
        return c;
    }

    /**
     * Decodes the last seconds of the video stream and fails on the first error ({@code -xerror}):
     * catches files whose index is intact but whose data was cut off.
     */
    public List<String> decodeTail(Path source, String demuxer, int seconds) {
        List<String> c = quietHead();
        c.addAll(List.of("-xerror", "-sseof", "-" + seconds));
        addInput(c, source, demuxer);
        c.addAll(List.of("-map", "0:v:0", "-f", "null", "-"));
        return c;
    }

    /** Time base and start of every stream, as JSON: where the picture and the sound begin. */
    public List<String> streamTimes(Path source, String demuxer) {
        List<String> c = probeHead(demuxer);
        c.addAll(List.of("-show_entries", "stream=index,codec_type,time_base,start_time:stream_side_data=rotation:stream_tags=rotate", "-of", "json", input(source)));
        return c;
    }

    /**
     * Every packet of the first video stream, in decode order, as "pts,dts,flags" lines (no decoding: fast even for
     * hours). {@code +genpts} fills the presentation times that AVI's packed B-frames leave out.
     */
    public List<String> videoPackets(Path source, String demuxer) {
        List<String> c = probeHead(demuxer);
        c.addAll(List.of("-fflags", "+genpts", "-select_streams", "v:0", "-show_entries", "packet=pts,dts,flags",
                "-of", "csv=p=0", input(source)));
        return c;
    }

    /** The first packet's presentation time of a piece file, in seconds ("pts_time" on one line). */
    public List<String> firstPacketTime(Path piece) {
        List<String> c = probeHead(PIECE_DEMUXER);
        c.addAll(List.of("-select_streams", "v:0", "-show_entries", "packet=pts_time", "-read_intervals", "%+#1",
                "-of", "csv=p=0", input(piece)));
        return c;
    }

    /**
     * Stream-copies the first video stream into pieces cut before the given packets (keyframes, counted in decode
     * order from 0), with the source's timestamps shifted by {@code offsetSeconds} (see
     * {@link SourceTimeline#offsetSeconds()}) and otherwise untouched. {@code outPattern} is a printf pattern such as
     * {@code /work/a-%05d.nut}; no cut gives one piece.
     */
    public List<String> segment(Path source, String demuxer, List<Integer> cutBeforePackets, long offsetSeconds,
                                Path outPattern) {
        List<String> c = ffmpegHead();
        c.addAll(List.of("-fflags", "+genpts", "-copyts"));
        addInput(c, source, demuxer);
        c.addAll(List.of("-map", "0:v:0", "-c", "copy", "-an", "-sn", "-dn",
                "-output_ts_offset", Long.toString(offsetSeconds),
                "-f", "segment", "-segment_format", PIECE_DEMUXER, "-reset_timestamps", "0"));
        if (cutBeforePackets.isEmpty()) {
            c.addAll(List.of("-segment_time", "1000000000")); // the segment muxer's default would cut every 2 s
        } else {
            c.addAll(List.of("-segment_frames",
                    String.join(",", cutBeforePackets.stream().map(String::valueOf).toList())));
        }
        c.add(output(outPattern));
        return c;
    }

    /** One output of {@link #encodePiece}: which rendition, and the file it goes to. */
    public record PieceOutput(RenditionSpec rendition, Path file) { }

    /**
     * The frames a piece shows: presentation times (in the piece file's time) from {@code from} up to {@code to}
     * (NaN: to the end), and the output time of its first frame (for the keyframe grid).
     */
    public record PieceSpan(double from, double to, double outputStart) {
        /** Half a millisecond: below any frame interval, above any rounding of a timestamp to microseconds. */
        static final double SLACK = 0.0005;

        String trim() {
            return "trim=start=" + num(from - SLACK) + (Double.isNaN(to) ? "" : ":end=" + num(to - SLACK));
        }
    }

    /**
     * Encodes one piece to the {@code outputs} (video only), decoding it once. The renditions are scaled in a cascade
     * down {@code scaleChain} (each from the next larger; a step of a third or more averages with {@code area}), so a
     * restart that encodes only some renditions of a group gets bit-exact what the whole group would have made.
     * {@code -copyts} keeps source timestamps, so a rendition's pieces join end to end by stream copy. Keyframes fall
     * on a grid of absolute source time (k * gop, scene cuts off), the same for every rendition, so segments align;
     * FFmpeg's {@code t} counts from the piece's first frame, hence the piece start in the expression, and a
     * millisecond of slack for timestamp rounding.
     */
    public List<String> encodePiece(Path piece, PieceSpan span, List<RenditionSpec> scaleChain,
                                    List<PieceOutput> outputs, EncoderOptions options) {
        if (outputs.isEmpty()) throw new IllegalArgumentException("no rendition to encode");
        List<RenditionSpec> chain = scaleChain.stream()
                .sorted(java.util.Comparator.comparingInt(RenditionSpec::height).reversed()).toList();
        for (PieceOutput o : outputs) {
            if (!chain.contains(o.rendition())) throw new IllegalArgumentException(o.rendition().name() + " not in the chain");
        }
        double gop = options.gopSeconds();
        double pieceStartSeconds = span.outputStart();
        long firstGridIndex = (long) Math.floor((pieceStartSeconds + 0.001) / gop) + 1;
        String forceKeyframes = "expr:eq(n_forced,0)+gte(t+" + num(pieceStartSeconds) + "+0.001,("
                + firstGridIndex + "+n_forced-1)*" + num(gop) + ")";
        String gopFrames = Integer.toString(options.gopFrames());

        List<String> c = ffmpegHead();
        // single-threaded decoder and filter graph: the partitions keep the cores busy, and threads cost CPU (bench/README)
        c.addAll(List.of("-filter_complex_threads", "1", "-threads", "1", "-copyts"));
        addInput(c, piece, PIECE_DEMUXER);
        // the piece's own frames only, at their source timestamps; setsar because sizes are display sizes
        StringBuilder graph = new StringBuilder("[0:v:0]" + span.trim() + rotate(options.rotation()) + "[c0]");
        int inputHeight = options.sourceHeight();
        int last = 0; // no stage below the smallest output
        for (int i = 0; i < chain.size(); i++) if (indexOf(outputs, chain.get(i)) >= 0) last = i;
        for (int i = 0; i <= last; i++) {
            RenditionSpec r = chain.get(i);
            int out = indexOf(outputs, r);
            boolean feedsNext = i < last;
            String flags = inputHeight >= 3 * r.height() ? "area" : "bicubic";
            graph.append(";[c").append(i).append("]scale=").append(even(r.width())).append(':').append(even(r.height()))
                    .append(":flags=").append(flags).append(",setsar=1");
            if (out >= 0 && feedsNext) graph.append(",split[v").append(out).append("][c").append(i + 1).append(']');
            else if (out >= 0) graph.append("[v").append(out).append(']');
            else graph.append("[c").append(i + 1).append(']');
            inputHeight = r.height();
        }
        c.addAll(List.of("-filter_complex", graph.toString()));
        for (int i = 0; i < outputs.size(); i++) {
            RenditionSpec rendition = outputs.get(i).rendition();
            c.addAll(List.of("-map", "[v" + i + "]", "-an", "-sn", "-dn",
                    // every source frame at its own time, in the source's time base: no frame invented or dropped
                    "-fps_mode", "vfr", "-enc_time_base", "filter",
                    "-pix_fmt", "yuv420p",
                    "-c:v", rendition.codec().encoder(),
                    "-b:v", rendition.bitrateKbps() + "k",
                    "-maxrate", rendition.maxrateKbps() + "k",
                    "-bufsize", rendition.bufsizeKbps() + "k",
                    "-g", gopFrames, "-keyint_min", gopFrames,
                    "-force_key_frames", forceKeyframes,
                    // one thread per encoder: the partitions already keep every core busy, and x264 is only
                    // bit-exact run to run single-threaded, so a restarted job reproduces the pieces it lost
                    "-threads", "1"));
            if (rendition.codec() == VideoCodec.H264) {
                c.addAll(List.of("-preset", options.preset(), "-profile:v", "high", "-sc_threshold", "0"));
            } else {
                // libvpx has no scene-cut keyframes when kf min = max; speed mapped from the x264 preset name
                int speed = vp9Speed(options.preset());
                c.addAll(List.of("-deadline", speed > 5 ? "realtime" : "good", "-cpu-used", Integer.toString(speed),
                        "-row-mt", "1"));
            }
            c.addAll(List.of("-f", PIECE_DEMUXER, output(outputs.get(i).file())));
        }
        return c;
    }

    /**
     * The whole source's first audio stream once, as AAC-LC 128 kb/s stereo 48 kHz in MP4, at the source's own
     * timestamps ({@code -copyts}): where it starts against the picture is decided when it is joined.
     */
    public List<String> encodeAudio(Path source, String demuxer, Path out) {
        List<String> c = ffmpegHead();
        c.add("-copyts");
        addInput(c, source, demuxer);
        c.addAll(List.of("-map", "0:a:0", "-vn", "-sn", "-dn",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000", "-f", "mp4", output(out)));
        return c;
    }

    /** Sample rate of the audio speech recognizers read ({@link #speechPcm}). */
    public static final int SPEECH_SAMPLE_RATE = 16000;

    /**
     * The first audio stream as speech recognizers read it: 16 kHz mono signed 16-bit little-endian PCM, headerless
     * ({@code s16le}) from time 0 of the file's timeline, streamed to the file (a 2-hour film needs no memory,
     * ~115 MB of disk per hour).
     */
    public List<String> speechPcm(Path source, String demuxer, Path out) {
        List<String> c = ffmpegHead();
        addInput(c, source, demuxer);
        // sound that starts after time 0 (an offset kept by the join) is preceded by silence, so sample n is at n/16000 s
        c.addAll(List.of("-map", "0:a:0", "-vn", "-sn", "-dn", "-af", "aresample=async=1:first_pts=0",
                "-ac", "1", "-ar", Integer.toString(SPEECH_SAMPLE_RATE), "-c:a", "pcm_s16le", "-f", "s16le", output(out)));
        return c;
    }

    /** Which frame a thumbnail shows: the keyframe at or before the instant (one frame decoded), or the exact one. */
    public enum Frame { KEYFRAME, EXACT }

    /**
     * One JPEG frame at {@code atSeconds} (fast input seek), scaled to {@code width} keeping aspect, even height. A
     * file whose keyframes are not flagged yields no frame with {@link Frame#KEYFRAME}: callers fall back to EXACT.
     */
    public List<String> thumbnail(Path source, String demuxer, double atSeconds, int width, Path out, Frame frame) {
        boolean keyframe = frame == Frame.KEYFRAME;
        List<String> c = ffmpegHead();
        c.addAll(List.of("-ss", num(atSeconds)));
        if (keyframe) c.addAll(List.of("-noaccurate_seek", "-skip_frame", "nokey"));
        addInput(c, source, demuxer);
        // source timestamps: shifted by -ss, the keyframe before the instant would be negative and dropped
        if (keyframe) c.add("-copyts");
        c.addAll(List.of("-map", "0:v:0", "-an", "-sn", "-dn", "-frames:v", "1",
                "-vf", "scale=" + even(width) + ":-2,setsar=1",
                "-c:v", "mjpeg", "-q:v", "3", "-pix_fmt", "yuvj420p",
                // image2 with -update 1 writes exactly this file; a "%d" in the name is not a pattern
                "-f", "image2", "-update", "1", output(out)));
        return c;
    }

    /**
     * Joins a rendition's encoded pieces without re-encoding and muxes the once-encoded audio beside them,
     * into an MP4 with the index up front (faststart) for progressive playback. The concat demuxer plays the pieces
     * from 0 (their exact durations laid end to end); {@code videoOffset} puts the first frame where it belongs
     * against the audio, and {@code audioOffset} moves the audio's source timestamps onto the output's timeline.
     *
     * <p>The concat demuxer is used here and only here, on a list Kinora wrote itself (see
     * {@link #concatList}); uploads can never reach it because upload inputs are locked to
     * {@link #VIDEO_DEMUXERS}. {@code -safe 0} is needed for absolute paths; the protocol whitelist still
     * confines every entry to local files.
     */
    public List<String> joinPieces(Path concatList, double videoOffset, Path audioOrNull, double audioOffset, Path outMp4) {
        List<String> c = ffmpegHead();
        // timestamps as they are plus the given offsets: each input's own start is not subtracted
        c.addAll(List.of("-copyts", "-itsoffset", num(videoOffset),
                "-protocol_whitelist", "file", "-format_whitelist", "concat," + PIECE_DEMUXER, "-f", "concat",
                "-safe", "0", "-i", input(concatList)));
        if (audioOrNull != null) {
            c.addAll(List.of("-itsoffset", num(audioOffset),
                    "-protocol_whitelist", "file", "-format_whitelist", "mov", "-f", "mov", "-i", input(audioOrNull)));
        }
        c.addAll(List.of("-map", "0:v:0"));
        if (audioOrNull != null) c.addAll(List.of("-map", "1:a:0"));
        c.addAll(List.of("-c", "copy", "-movflags", "+faststart", "-f", "mp4", output(outMp4)));
        return c;
    }

    /** The concat list for {@link #joinPieces}: each piece with its exact duration (next start - its start). */
    public static String concatList(List<Path> pieces, List<Double> durations) {
        StringBuilder b = new StringBuilder("ffconcat version 1.0\n");
        for (int i = 0; i < pieces.size(); i++) {
            String path = pieces.get(i).toAbsolutePath().normalize().toString();
            if (path.contains("'") || path.contains("\n")) {
                throw new IllegalArgumentException("piece path not allowed in a concat list: " + path);
            }
            b.append("file 'file:").append(path).append("'\n");
            b.append("duration ").append(num(durations.get(i))).append('\n');
        }
        return b.toString();
    }

    /**
     * Repackages a joined MP4 as HLS with fMP4 segments by stream copy: init.mp4, seg_NNNNN.m4s and
     * index.m3u8 in {@code outDir}. Keyframes sit on the same grid in every rendition, so the segments
     * of all renditions start at the same instants when segmentSeconds is a multiple of the grid.
     */
    public List<String> hls(Path mp4, Path outDir, double segmentSeconds) {
        List<String> c = ffmpegHead();
        addInput(c, mp4, "mov");
        c.addAll(List.of("-map", "0", "-c", "copy",
                "-f", "hls", "-hls_time", num(segmentSeconds), "-hls_playlist_type", "vod",
                "-hls_segment_type", "fmp4", "-hls_flags", "independent_segments",
                "-hls_fmp4_init_filename", "init.mp4",
                "-hls_segment_filename", output(outDir.resolve("seg_%05d.m4s")),
                output(outDir.resolve("index.m3u8"))));
        return c;
    }

    /** Streams of a file Kinora produced (codec, profile, level, size, frames) as JSON, for CODECS and checks. */
    public List<String> describeOutput(Path mp4) {
        return List.of(ffmpeg.ffprobe().toString(), "-v", "error", "-protocol_whitelist", "file",
                "-format_whitelist", "mov", "-f", "mov",
                "-show_entries", "stream=index,codec_type,codec_name,profile,level,width,height,avg_frame_rate,nb_frames,duration"
                        + ":format=duration,bit_rate",
                "-of", "json", input(mp4));
    }

    /**
     * PSNR and SSIM of several renditions of the same stretch of video against the source in one process: the
     * source is decoded once, every {@code frameStep}-th frame is compared (starting half a step in, so the keyframe
     * that opens a piece does not weigh in more than its share), renditions are scaled back to the source size with
     * the encode's scaler. Inputs are pieces of the encode step (Matroska, source timestamps), read for their first
     * {@code windowSeconds} only when that is > 0 (decoding is most of the cost). Prints to stderr at info level, per
     * rendition i: "[psnr@qi ...] PSNR ... average:N" and "[ssim@qi ...] SSIM ... All:N".
     */
    public List<String> qualityMetrics(List<Path> renditionPieces, Path sourcePiece, double sourceFrom, int rotation,
                                       int width, int height, int frameStep, double windowSeconds) {
        int n = renditionPieces.size();
        List<String> c = new ArrayList<>(List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-hide_banner", "-nostats", "-v", "info",
                "-benchmark"));
        // single-threaded decoders and filter graph: the sampled pieces are compared side by side, and threads only add CPU
        // source timestamps on every input: the source piece and the renditions' pieces share the same timeline
        c.addAll(List.of("-filter_complex_threads", "1", "-copyts"));
        List<String> perInput = new ArrayList<>(List.of("-threads", "1"));
        if (windowSeconds > 0) perInput.addAll(List.of("-t", num(windowSeconds)));
        // the source piece's file starts earlier than its span (an edit list's hidden frames, open-GOP leaders):
        // its window is cut by time in the graph, not by reading its first seconds
        c.addAll(List.of("-threads", "1"));
        addInput(c, sourcePiece, PIECE_DEMUXER);
        for (Path r : renditionPieces) {
            c.addAll(perInput);
            addInput(c, r, PIECE_DEMUXER);
        }
        int stepFrames = Math.max(1, frameStep);
        String step = "trim=start_frame=" + stepFrames / 2 + ",framestep=" + stepFrames;
        // frames are dropped before anything is scaled: upscaling every frame of six renditions cost more than the rest
        // the renditions hold exactly the source's frames from the piece's start: the same frames are compared
        String window = windowSeconds > 0 ? ":end=" + num(sourceFrom + windowSeconds - PieceSpan.SLACK) : "";
        StringBuilder g = new StringBuilder("[0:v]trim=start=" + num(sourceFrom - PieceSpan.SLACK) + window + rotate(rotation) + ","
                + step + ",scale=" + width + ":" + height + ",setsar=1"
                + ",split=" + (2 * n));
        for (int i = 0; i < 2 * n; i++) g.append("[r").append(i).append(']');
        for (int i = 0; i < n; i++) {
            g.append(';').append('[').append(i + 1).append(":v]").append(step).append(",scale=").append(width).append(':')
                    .append(height).append(":flags=bicubic,setsar=1,split[d").append(i).append("a][d").append(i)
                    .append("b];[d").append(i).append("a][r").append(2 * i).append("]psnr@q").append(i).append("[p")
                    .append(i).append("];[d").append(i).append("b][r").append(2 * i + 1).append("]ssim@q").append(i)
                    .append("[s").append(i).append(']');
        }
        c.addAll(List.of("-lavfi", g.toString()));
        for (int i = 0; i < n; i++) {
            c.addAll(List.of("-map", "[p" + i + "]", "-f", "null", "-", "-map", "[s" + i + "]", "-f", "null", "-"));
        }
        return c;
    }

    /**
     * A storyboard sprite: one frame every {@code intervalSeconds}, {@code tileWidth} wide, laid out
     * {@code columns} x {@code rows} in one JPEG. Players map the WebVTT cues onto its tiles.
     */
    public List<String> storyboard(Path source, String demuxer, double intervalSeconds, int tileWidth, int tileHeight,
                                   int columns, int rows, Path out) {
        List<String> c = ffmpegHead();
        addInput(c, source, demuxer);
        c.addAll(List.of("-map", "0:v:0", "-an", "-sn", "-dn",
                "-vf", "fps=1/" + num(intervalSeconds) + ",scale=" + even(tileWidth) + ":" + even(tileHeight)
                        + ",setsar=1,tile=" + columns + "x" + rows,
                "-frames:v", "1", "-c:v", "mjpeg", "-q:v", "4", "-pix_fmt", "yuvj420p",
                "-f", "image2", "-update", "1", output(out)));
        return c;
    }

    /** coreutils' nice, where the system has it: the OS then runs what waits behind the first rendition in the gaps. */
    private static final Path NICE = java.util.stream.Stream.of("/usr/bin/nice", "/bin/nice").map(Path::of)
            .filter(java.nio.file.Files::isExecutable).findFirst().orElse(null);

    /**
     * The command at background CPU priority ({@code nice -n 10}; unchanged where there is no nice): used for every
     * encode that is not on the way to the first playable rendition, so the lowest rung's pieces, the audio track and
     * its packaging get the cores first while the rest of the ladder fills whatever they leave idle.
     */
    public static List<String> inBackground(List<String> command) {
        if (NICE == null) return command;
        List<String> c = new ArrayList<>(List.of(NICE.toString(), "-n", "10"));
        c.addAll(command);
        return c;
    }

    /**
     * The command without what only a trace reads: {@code -benchmark} and the info-level log it needs (outside a trace
     * nobody asks for the CPU seconds, and the info log costs FFmpeg a little on every run: bench/encode, session 8).
     */
    public static List<String> untraced(List<String> command) {
        int v = command.indexOf("level+info");
        if (v < 1 || !"-v".equals(command.get(v - 1)) || v + 1 >= command.size() || !"-benchmark".equals(command.get(v + 1))) {
            return command;
        }
        List<String> c = new ArrayList<>(command.subList(0, v));
        c.add("error");
        c.addAll(command.subList(v + 2, command.size()));
        return c;
    }

    /** The transpose a clockwise rotation needs (what FFmpeg's autorotate does for files that carry the matrix). */
    static String rotate(int clockwise) {
        return switch (((clockwise % 360) + 360) % 360) {
            case 90 -> ",transpose=clock";
            case 180 -> ",hflip,vflip";
            case 270 -> ",transpose=cclock";
            default -> "";
        };
    }

    private List<String> probeHead(String demuxer) {
        requireAllowed(demuxer);
        return new ArrayList<>(List.of(ffmpeg.ffprobe().toString(), "-v", "error", "-protocol_whitelist", "file",
                "-format_whitelist", demuxer, "-f", demuxer));
    }

    /**
     * Runs through {@link FfmpegRunner}: {@code -benchmark} prints the run's CPU seconds for its span, at info level
     * only, so the log runs at info with level tags, and {@link FfmpegStderr} keeps the errors of it.
     */
    private List<String> ffmpegHead() {
        return new ArrayList<>(List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-hide_banner", "-nostats",
                "-v", "level+info", "-benchmark", "-y"));
    }

    /** For runs whose stderr is read as it is (MediaProbe): errors only. */
    private List<String> quietHead() {
        return new ArrayList<>(List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-hide_banner", "-v", "error", "-y"));
    }

    private static void addInput(List<String> c, Path source, String demuxer) {
        requireAllowed(demuxer);
        c.addAll(List.of("-protocol_whitelist", "file", "-format_whitelist", demuxer, "-f", demuxer, "-i", input(source)));
    }

    /** Upload demuxers from the whitelist, and Kinora's own piece format. */
    private static void requireAllowed(String demuxer) {
        if (!DEMUXER_SET.contains(demuxer) && !PIECE_DEMUXER.equals(demuxer)) {
            throw new IllegalArgumentException("demuxer not allowed: " + demuxer);
        }
    }

    private static String input(Path path) {
        return "file:" + path.toAbsolutePath().normalize();
    }

    private static String output(Path path) {
        return "file:" + path.toAbsolutePath().normalize();
    }

    private static int indexOf(List<PieceOutput> outputs, RenditionSpec r) {
        for (int i = 0; i < outputs.size(); i++) if (outputs.get(i).rendition().equals(r)) return i;
        return -1;
    }

    private static int even(int n) {
        return Math.max(2, n - (n % 2));
    }

    /** Plain decimal, never exponent notation or a locale's comma. */
    static String num(double value) {
        return String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static int vp9Speed(String preset) {
        return switch (preset) {
            case "ultrafast", "superfast" -> 8;
            case "veryfast", "faster" -> 5;
            case "fast", "medium" -> 3;
            default -> 1;
        };
    }
}
