package io.kinora.security.application;

import io.kinora.security.domain.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;

/** Server-wide secrets kept in the database so every node and every restart shares them. */
@ApplicationScoped
public class SettingsService {
    @PersistenceContext(unitName = "kinora")
    EntityManager em;

    /** The stored secret under this name, generated (256 random bits) on first use. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String secret(String name) {
        Setting existing = em.find(Setting.class, name);
        if (existing != null) return existing.value();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Setting created = new Setting(name, Base64.getEncoder().encodeToString(key));
        em.persist(created);
        return created.value();
    }
}
