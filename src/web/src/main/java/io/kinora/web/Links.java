package io.kinora.web;

import jakarta.ws.rs.core.UriInfo;

/** Absolute links in answers. */
public final class Links {
    private Links() { }

    /** The API base ending in exactly one slash, e.g. http://host/api/. */
    public static String base(UriInfo uri) {
        String b = uri.getBaseUri().toString();
        return b.endsWith("/") ? b : b + "/";
    }
}
