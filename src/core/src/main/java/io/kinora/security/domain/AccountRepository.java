package io.kinora.security.domain;

import java.util.List;
import java.util.Optional;

public interface AccountRepository {
    Optional<Account> findByUsername(String username);

    Optional<Account> findById(long id);

    Account save(Account account);

    long count();

    boolean anyWithRole(Role role);

    List<Account> list(int offset, int limit);
}
