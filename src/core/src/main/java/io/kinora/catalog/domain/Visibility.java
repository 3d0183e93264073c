package io.kinora.catalog.domain;

import io.kinora.problem.ProblemException;

/** Who may watch: PRIVATE (owner, admin, signed URL), UNLISTED (anyone with the link), PUBLIC (listed). */
public enum Visibility {
    PRIVATE, UNLISTED, PUBLIC;

    /** Parses client input (any case); null or blank means "not given". */
    public static Visibility parse(String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return valueOf(v.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-visibility", "visibility is PRIVATE, UNLISTED or PUBLIC");
        }
    }
}
