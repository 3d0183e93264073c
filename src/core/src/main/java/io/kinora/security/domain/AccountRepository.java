package io.kinora.security.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface AccountRepository {
    Optional<Account> findByUsername(String username);

    Optional<Account> findById(long id);

    /** The SSO account of the provider's person (issuer + subject). */
    Optional<Account> findByOidcIdentity(String issuer, String subject);

    /** The usernames of these accounts, by id (ids without an account are left out). */
    Map<Long, String> usernames(Collection<Long> ids);

    Account save(Account account);

    void delete(Account account);

    long count();

    boolean anyWithRole(Role role);

    /** Whether an enabled account other than this one has the role (the last admin must not lock everyone out). */
    boolean anyOtherEnabledWithRole(Role role, long exceptId);

    List<Account> list(int offset, int limit);
}
