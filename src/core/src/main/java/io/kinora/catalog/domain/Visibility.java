package io.kinora.catalog.domain;

/** Who may watch: PRIVATE (owner, admin, signed URL), UNLISTED (anyone with the link), PUBLIC (listed). */
public enum Visibility {
    PRIVATE, UNLISTED, PUBLIC
}
