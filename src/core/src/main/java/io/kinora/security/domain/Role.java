package io.kinora.security.domain;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** The two roles Kinora knows; OIDC claims are mapped onto these. */
public enum Role {
    USER("user"), ADMIN("admin");

    private final String id;

    Role(String id) { this.id = id; }

    public String id() { return id; }

    /** The roles these ids name; unknown ids are ignored. */
    public static Set<Role> of(Collection<String> ids) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role r : values()) if (ids.contains(r.id)) roles.add(r);
        return roles;
    }
}
