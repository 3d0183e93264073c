package io.kinora.security.infrastructure;

import io.kinora.security.domain.Account;
import io.kinora.security.domain.AccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
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
    public Optional<Account> findById(long id) {
        return Optional.ofNullable(em.find(Account.class, id));
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

    @Override
    public List<Account> list(int offset, int limit) {
        return em.createQuery("select a from Account a order by a.id", Account.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }
}
