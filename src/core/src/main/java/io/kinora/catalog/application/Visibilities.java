package io.kinora.catalog.application;

import io.kinora.catalog.domain.Visibility;
import io.kinora.problem.ProblemException;
import java.util.Locale;

/** A visibility as clients spell it (any case); null or blank means "not given". */
public final class Visibilities {
    private Visibilities() { }

    public static Visibility parse(String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return Visibility.valueOf(v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-visibility", "visibility is PRIVATE, UNLISTED or PUBLIC");
        }
    }
}
