package io.kinora.encode.batch;

import java.nio.file.Path;

/** A piece encoded for one rendition to a local file, waiting for the writer to store it. */
public record EncodedPiece(StoredPiece what, Path file) { }
