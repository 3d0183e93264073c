package io.kinora.catalog.domain;

/**
 * A library search. Scope first (who may see what), then filters; null filters do not filter.
 *
 * @param viewerId    signed-in caller, null for anonymous
 * @param all         admins: every video regardless of owner and visibility
 * @param ownerId     only this owner's videos (owner=me)
 * @param text        words; each must start a word of the title or description ({@link SearchWords})
 * @param sortByTitle else by creation time
 */
public record VideoQuery(Long viewerId, boolean all, Long ownerId, String text, VideoStatus status,
                         Visibility visibility, boolean sortByTitle, boolean ascending, int offset, int limit) { }
