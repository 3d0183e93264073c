package io.kinora.encode.batch;

import java.nio.file.Path;

/** A piece encoded to a local file, waiting for the writer to store it. */
public record EncodedPiece(PieceWork work, Path file) { }
