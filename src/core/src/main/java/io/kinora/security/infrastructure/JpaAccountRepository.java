package io.kinora.security.infrastructure;

import io.kinora.security.domain.Account;
import io.kinora.security.domain.AccountRepository;
import io.kinora.security.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaAccountRepository implements AccountRepository {
    @PersistenceContext(unitName = "kinora")
    EntityManager em;

    public JpaAccountRepository() { }

    /** For use outside the container (tests against a real PostgreSQL). */
    public JpaAccountRepository(EntityManager em) { this.em = em; }

    @Override
    public Optional<Account> findByUsername(String username) {
        return em.createQuery("select a from Account a where a.username = :u", Account.class)
                .setParameter("u", username).getResultStream().findFirst();
    }

    @Override
    public Optional<Account> findByOidcIdentity(String issuer, String subject) {
        return em.createQuery("select a from Account a where a.oidcIssuer = :i and a.oidcSubject = :s", Account.class)
                .setParameter("i", issuer).setParameter("s", subject).getResultStream().findFirst();
    }

    @Override
    public void delete(Account account) {
        em.remove(em.contains(account) ? account : em.merge(account));
    }

    @Override
    public Optional<Account> findById(long id) {
        return Optional.ofNullable(em.find(Account.class, id));
    }

    @Override
    public Map<Long, String> usernames(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        Map<Long, String> names = new HashMap<>();
        em.createQuery("select a.id, a.username from Account a where a.id in :ids", Object[].class)
                .setParameter("ids", ids).getResultList().forEach(r -> names.put((Long) r[0], (String) r[1]));
        return names;
    }

    @Override
    public Account save(Account account) {
        if (account.id() == null) {
            em.persist(account);
            return account;
        }
        return em.merge(account);
    }

    @Override
    public long count() {
        return em.createQuery("select count(a) from Account a", Long.class).getSingleResult();
    }

    /** Roles are stored as a sorted comma list, so the role is the whole value, its first, last or a middle item. */
    @Override
    public boolean anyOtherEnabledWithRole(Role role, long exceptId) {
        String r = role.id();
        return !em.createQuery("select a.id from Account a where a.enabled = true and a.id <> :me and (a.roles = :r"
                        + " or a.roles like :first or a.roles like :last or a.roles like :middle)", Long.class)
                .setParameter("me", exceptId)
                .setParameter("r", r).setParameter("first", r + ",%").setParameter("last", "%," + r)
                .setParameter("middle", "%," + r + ",%").setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public boolean anyWithRole(Role role) {
        String r = role.id();
        return !em.createQuery("select a.id from Account a where a.roles = :r or a.roles like :first"
                        + " or a.roles like :last or a.roles like :middle", Long.class)
                .setParameter("r", r).setParameter("first", r + ",%").setParameter("last", "%," + r)
                .setParameter("middle", "%," + r + ",%").setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public List<Account> list(int offset, int limit) {
        return em.createQuery("select a from Account a order by a.id", Account.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }
}
