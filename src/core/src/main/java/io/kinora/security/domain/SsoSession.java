package io.kinora.security.domain;

import jakarta.persistence.*;
import java.time.Instant;
import java.util.UUID;

/**
 * A browser sign-in through the company's SSO. Kinora's short-lived tokens name it (claim sid); it keeps what the
 * provider handed out for it: the refresh token that renews them, the ID token for the provider's logout
 * (id_token_hint), and the provider's session id, which its back-channel logout names.
 */
@Entity
@Table(name = "kinora_sso_session")
public class SsoSession {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(name = "provider_sid", length = 255)
    private String providerSid;

    @Column(name = "refresh_token", length = 16000)
    private String refreshToken;

    @Column(name = "id_token", length = 16000)
    private String idToken;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "refreshed_at", nullable = false)
    private Instant refreshedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    protected SsoSession() { }

    public SsoSession(long accountId, String providerSid, String refreshToken, String idToken) {
        this.id = UUID.randomUUID().toString();
        this.accountId = accountId;
        this.providerSid = providerSid;
        this.refreshToken = refreshToken;
        this.idToken = idToken;
        this.createdAt = Instant.now();
        this.refreshedAt = createdAt;
    }

    public String id() { return id; }

    public long accountId() { return accountId; }

    public String providerSid() { return providerSid; }

    public String refreshToken() { return refreshToken; }

    public String idToken() { return idToken; }

    public boolean active() { return endedAt == null; }

    /** The provider renewed it: a rotated refresh token and a new ID token replace the old ones when given. */
    public void renewed(String refreshToken, String idToken) {
        if (refreshToken != null) this.refreshToken = refreshToken;
        if (idToken != null) this.idToken = idToken;
        this.refreshedAt = Instant.now();
    }

    /** Its tokens stop working at once; what the provider handed out is forgotten. */
    public void end() {
        if (endedAt == null) endedAt = Instant.now();
        refreshToken = null;
    }
}
