package io.kinora.ingest.torrent;

/**
 * Caps a .torrent (or a magnet's metadata) must stay within before anything starts: the file itself, the files
 * it lists, piece length, total size, and the length of names ({@code kinora.torrent.*}).
 */
public record TorrentLimits(long maxTorrentBytes, int maxFiles, long maxPieceLength, long maxTotalBytes,
                            int maxComponentBytes, int maxPathBytes, int maxPathDepth) {
    public static TorrentLimits defaults(long maxTotalBytes) {
        return new TorrentLimits(10L << 20, 1000, 32L << 20, maxTotalBytes, 255, 1024, 32);
    }
}
