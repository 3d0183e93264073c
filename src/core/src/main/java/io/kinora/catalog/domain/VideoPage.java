package io.kinora.catalog.domain;

import java.util.List;

/**
 * One page of a search. {@code total} counts the matches over all pages exactly, unless {@code capped}: then it
 * is a lower bound (at least that many; at most {@link #COUNT_CAP}), because an exact count would read every
 * match. {@code hasNext}: another page follows.
 */
public record VideoPage(List<Video> items, long total, boolean capped, boolean hasNext) {
    public static final int COUNT_CAP = 1000;
}
