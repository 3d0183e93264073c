package io.kinora.webhooks;

import io.kinora.ingest.importer.UrlPolicy;
import io.kinora.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * A user's webhooks. Targets pass the same address policy as import by URL (public http/https only unless
 * kinora.import.allowed-hosts says otherwise): a webhook must not become a way to reach the server's network.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class WebhookRegistry {
    static final int MAX_PER_USER = 10;

    @PersistenceContext(unitName = "kinora")
    EntityManager em;

    public Webhook register(long ownerId, String url) {
        URI target = check(url);
        if (forOwner(ownerId).size() >= MAX_PER_USER) {
            throw ProblemException.conflict("too-many-webhooks", "at most " + MAX_PER_USER + " webhooks per user");
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        Webhook hook = new Webhook(ownerId, target.toString(), HexFormat.of().formatHex(secret));
        em.persist(hook);
        return hook;
    }

    public List<Webhook> forOwner(long ownerId) {
        return em.createQuery("select w from Webhook w where w.ownerId = :o order by w.id", Webhook.class)
                .setParameter("o", ownerId).getResultList();
    }

    public boolean delete(long ownerId, long id) {
        Webhook hook = em.find(Webhook.class, id);
        if (hook == null || hook.ownerId() != ownerId) return false;
        em.remove(hook);
        return true;
    }

    /** The URL if its form and every address it resolves to are allowed; webhook-* problems otherwise. */
    static URI check(String url) {
        try {
            URI uri = UrlPolicy.parse(url);
            UrlPolicy.current().admit(uri, InetAddress::getAllByName);
            return uri;
        } catch (ProblemException e) {
            throw new ProblemException(e.kind(), e.code().replace("import-", "webhook-"), e.getMessage());
        }
    }

    /** A closing account's webhooks go with it. */
    void onAccountClosing(@jakarta.enterprise.event.Observes io.kinora.security.application.AccountClosing closing) {
        for (Webhook w : forOwner(closing.accountId())) delete(closing.accountId(), w.id());
    }
}
