package io.kinora.security.domain;

import jakarta.persistence.*;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A person or program that signs in: local (password) or from the company's OIDC provider. */
@Entity
@Table(name = "kinora_user")
public class Account {
    public enum Origin { LOCAL, OIDC }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String username;

    /** PBKDF2 hash in Soteria's self-describing format; null for OIDC accounts. */
    @Column(name = "password_hash", length = 512)
    private String passwordHash;

    /** Comma-separated role ids; two roles do not deserve a join table. */
    @Column(nullable = false, length = 200)
    private String roles;

    @Column(nullable = false)
    private boolean enabled = true;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Origin origin = Origin.LOCAL;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Column(length = 320)
    private String email;

    /** Bumped whenever every token issued so far must stop working (password change, sign-out, disabling). */
    @Column(name = "token_generation", nullable = false)
    private int tokenGeneration;

    /** When tokens were last revoked; the provider's tokens (OIDC) issued up to this second are refused. */
    @Column(name = "tokens_revoked_at")
    private Instant tokensRevokedAt;

    /** The provider's person this SSO account is (issuer + subject); the name alone never links an account. */
    @Column(name = "oidc_issuer", length = 500)
    private String oidcIssuer;

    @Column(name = "oidc_subject", length = 255)
    private String oidcSubject;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Account() { }

    public Account(String username, String passwordHash, Set<Role> roles, Origin origin) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.origin = origin;
        setRoles(roles);
    }

    public Long id() { return id; }

    public String username() { return username; }

    public String passwordHash() { return passwordHash; }

    public boolean enabled() { return enabled; }

    public Origin origin() { return origin; }

    public Instant createdAt() { return createdAt; }

    public String displayName() { return displayName; }

    public void setDisplayName(String displayName) { this.displayName = displayName; }

    public String email() { return email; }

    public void setEmail(String email) { this.email = email; }

    public void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
        revokeTokens();
    }

    public int tokenGeneration() { return tokenGeneration; }

    public String oidcIssuer() { return oidcIssuer; }

    public String oidcSubject() { return oidcSubject; }

    /** Ties this SSO account to the provider's person (once: an account provisioned before issue 21 had none). */
    public void linkOidc(String issuer, String subject) {
        this.oidcIssuer = issuer;
        this.oidcSubject = subject;
    }

    /** Every token issued before now stops working. */
    public void revokeTokens() {
        tokenGeneration++;
        tokensRevokedAt = Instant.now();
    }

    /** Whether a token its issuer stamped with this time (null: not stamped) was issued after the last revocation. */
    public boolean acceptsTokenIssuedAt(Instant issuedAt) {
        if (tokensRevokedAt == null) return true;
        return issuedAt != null && issuedAt.getEpochSecond() > tokensRevokedAt.getEpochSecond();
    }

    public void setEnabled(boolean enabled) {
        if (this.enabled && !enabled) revokeTokens();
        this.enabled = enabled;
    }

    public Set<String> roleIds() {
        return Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public boolean hasRole(Role role) { return roleIds().contains(role.id()); }

    public void setRoles(Set<Role> newRoles) {
        this.roles = newRoles.stream().map(Role::id).sorted().collect(Collectors.joining(","));
    }
}
