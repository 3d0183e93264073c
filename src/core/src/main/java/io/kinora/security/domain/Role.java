package io.kinora.security.domain;

/** The two roles Kinora knows; OIDC claims are mapped onto these. */
public enum Role {
    USER("user"), ADMIN("admin");

    private final String id;

    Role(String id) { this.id = id; }

    public String id() { return id; }
}
