package io.kinora.catalog.domain;

/**
 * Where a video's objects live in the store. Everything of one video sits under videos/{id}/ so
 * deleting a video is one prefix delete; work/ holds what only the running job needs.
 */
public final class VideoKeys {
    private final String root;

    public VideoKeys(String videoId) {
        if (!videoId.matches("[0-9a-f-]{36}")) throw new IllegalArgumentException("not a video id: " + videoId);
        this.root = "videos/" + videoId + "/";
    }

    public String root() { return root; }
    public String source() { return root + "source"; }
    public String work() { return root + "work/"; }
    public String piecesManifest() { return root + "work/pieces.csv"; }
    public String sourcePiece(int index) { return root + "work/pieces/" + pieceName(index); }
    public String encodedPiece(String rendition, int index) { return root + "work/enc/" + rendition + "/" + pieceName(index); }
    public String encodedPrefix(String rendition) { return root + "work/enc/" + rendition + "/"; }
    public String audio() { return root + "work/audio.m4a"; }
    public String hlsDir(String rendition) { return root + "hls/" + rendition + "/"; }
    public String master() { return root + "hls/master.m3u8"; }
    public String mp4(String rendition) { return root + "mp4/" + rendition + ".mp4"; }
    public String poster() { return root + "thumbs/poster.jpg"; }
    public String thumbnail(int n) { return root + "thumbs/thumb-" + n + ".jpg"; }
    public String storyboardImage() { return root + "thumbs/storyboard.jpg"; }
    public String storyboardVtt() { return root + "thumbs/storyboard.vtt"; }

    public static String pieceName(int index) { return String.format("piece-%05d.nut", index); }

    /** The index of a piece file named by {@link #pieceName}, or -1 for any other name. */
    public static int pieceIndex(String name) {
        var m = PIECE.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static final java.util.regex.Pattern PIECE = java.util.regex.Pattern.compile("piece-(\\d{5,})\\.nut");
}
