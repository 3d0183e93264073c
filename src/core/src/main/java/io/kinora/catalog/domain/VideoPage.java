package io.kinora.catalog.domain;

import java.util.List;

/** One page of a search and the number of matches over all pages. */
public record VideoPage(List<Video> items, long total) { }
