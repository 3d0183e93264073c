package io.kinora.webhooks;

import jakarta.persistence.*;
import java.time.Instant;

/** Where to tell a user about their videos, and the secret their receiver checks our signature with. */
@Entity
@Table(name = "webhook")
public class Webhook {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(nullable = false, length = 2000)
    private String url;

    @Column(nullable = false, length = 100)
    private String secret;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Webhook() { }

    public Webhook(long ownerId, String url, String secret) {
        this.ownerId = ownerId;
        this.url = url;
        this.secret = secret;
    }

    public Long id() { return id; }
    public long ownerId() { return ownerId; }
    public String url() { return url; }
    public String secret() { return secret; }
    public Instant createdAt() { return createdAt; }
}
