package io.kinora.encode.batch;

import java.io.Serializable;

/** One encoded piece of one rendition, now in the store: what partitions report to the analyzer. */
public record StoredPiece(String rendition, int piece) implements Serializable { }
