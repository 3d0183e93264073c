package io.kinora.security.application;

import io.kinora.problem.ProblemException;
import io.kinora.problem.TooManyAttempts;
import io.kinora.security.domain.Account;
import io.kinora.security.domain.AccountRepository;
import io.kinora.security.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** Local accounts: registration and password checks, with PBKDF2 hashes (Jakarta Security's own). */
@ApplicationScoped
@Transactional(dontRollbackOn = ProblemException.class)
public class AccountService {
    @Inject
    AccountRepository accounts;

    @Inject
    Pbkdf2PasswordHash hasher;

    @Inject
    PasswordGuard guard;

    void configureHasher() {
        hasher.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    public Account register(String username, String password, Set<Role> roles) {
        PasswordPolicy.check(username, password);
        if (accounts.findByUsername(username).isPresent()) {
            throw ProblemException.conflict("username-taken", "username already exists");
        }
        configureHasher();
        return accounts.save(new Account(username, hasher.generate(password.toCharArray()), roles, Account.Origin.LOCAL));
    }

    /** The account if the password is right and the account enabled; empty otherwise (no hint which). */
    public Optional<Account> authenticate(String username, String password) {
        return authenticate(username, password, null);
    }

    /**
     * The same, through the {@link PasswordGuard}: {@code client} is the caller's address (null: count the account
     * only). Throws 429 {@code too-many-attempts} while the account or the client is shut, without looking at the
     * password; the answer is the same whether or not the account exists.
     */
    public Optional<Account> authenticate(String username, String password, String client) {
        if (username == null || password == null) return Optional.empty();
        var shut = guard.shut(username, client);
        if (shut.isPresent()) {
            throw new TooManyAttempts("too-many-attempts",
                    "too many wrong passwords; try again in " + shut.getAsLong() + " s", shut.getAsLong());
        }
        Optional<Account> account = accounts.findByUsername(username)
                .filter(Account::enabled)
                .filter(a -> a.passwordHash() != null);
        configureHasher();
        if (account.isEmpty()) {
            // spend the same time as a real check so response times do not reveal which usernames exist
            hasher.verify(password.toCharArray(), dummyHash());
            guard.failed(username, client);
            return Optional.empty();
        }
        Optional<Account> ok = account.filter(a -> hasher.verify(password.toCharArray(), a.passwordHash()));
        if (ok.isPresent()) guard.succeeded(username, client);
        else guard.failed(username, client);
        return ok;
    }

    /** A new password; every token issued before stops working (the caller signs in again). */
    public void changePassword(String username, String current, String replacement) {
        changePassword(username, current, replacement, null);
    }

    public void changePassword(String username, String current, String replacement, String client) {
        Account account = authenticate(username, current, client)
                .orElseThrow(() -> ProblemException.forbidden("wrong-current-password", "current password is wrong"));
        PasswordPolicy.check(username, replacement);
        configureHasher();
        account.changePasswordHash(hasher.generate(replacement.toCharArray()));
        accounts.save(account);
    }

    /** Whether a token of this generation for this account still counts: account there, enabled, not revoked since. */
    public boolean tokenValid(long accountId, int generation) {
        return accounts.findById(accountId).filter(Account::enabled)
                .map(a -> a.tokenGeneration() == generation).orElse(false);
    }

    /** "Sign out everywhere": every token issued so far stops working. */
    public Account revokeTokens(long accountId) {
        Account a = require(accountId);
        a.revokeTokens();
        return accounts.save(a);
    }

    /** An admin enables or disables an account; disabling ends its tokens and refuses its passwords. */
    public Account setEnabled(long accountId, boolean enabled) {
        Account a = require(accountId);
        a.setEnabled(enabled);
        return accounts.save(a);
    }

    /** 409 last-admin when this account is the only enabled admin (closing it would leave nobody to administer). */
    public void requireAnotherAdmin(Account account) {
        if (account.hasRole(Role.ADMIN) && !accounts.anyOtherEnabledWithRole(Role.ADMIN, account.id())) {
            throw ProblemException.conflict("last-admin", "this is the only admin account; make another admin first");
        }
    }

    public Account require(long accountId) {
        return accounts.findById(accountId)
                .orElseThrow(() -> ProblemException.notFound("no-such-user", "no account with id " + accountId));
    }

    /** Removes the account row (its videos and webhooks must be gone already: see AccountRemoval). */
    public void delete(long accountId) {
        accounts.findById(accountId).ifPresent(accounts::delete);
    }

    /**
     * The SSO account of the provider's person: found by issuer + subject (never by name), created on first sign-in
     * (no password) under the provider's name, roles refreshed from each token. A name that a local account or another
     * of the provider's people already holds is {@code 403 sso-account-conflict} (only an admin can resolve it, see the
     * README's linking policy); a disabled account is {@code 403 account-disabled}.
     */
    public Account provisionOidc(OidcTokenVerifier.Identity who) {
        Account account = accounts.findByOidcIdentity(who.issuer(), who.subject())
                .orElseGet(() -> accounts.findByUsername(who.username())
                        .map(holder -> legacyOidc(holder, who))
                        .orElseGet(() -> {
                            Account created = new Account(who.username(), null, Role.of(who.roles()), Account.Origin.OIDC);
                            created.setEmail(who.email());
                            created.linkOidc(who.issuer(), who.subject());
                            return accounts.save(created);
                        }));
        if (!account.enabled()) {
            throw ProblemException.forbidden("account-disabled", "this account is disabled in Kinora; ask an administrator");
        }
        account.setRoles(Role.of(who.roles()));
        return account;
    }

    /** An SSO account provisioned by name before issue 21 is linked at its first sign-in; anything else holding the name is a conflict. */
    private static Account legacyOidc(Account holder, OidcTokenVerifier.Identity who) {
        if (holder.origin() != Account.Origin.OIDC || holder.oidcSubject() != null) {
            throw ProblemException.forbidden("sso-account-conflict", "another account already has the name " + who.username());
        }
        holder.linkOidc(who.issuer(), who.subject());
        return holder;
    }

    /** Who owns what, for showing it: usernames by account id. */
    public Map<Long, String> usernames(Collection<Long> ids) {
        return accounts.usernames(ids);
    }

    public Optional<Account> find(String username) {
        return accounts.findByUsername(username);
    }

    public boolean anyAdmin() {
        return accounts.anyWithRole(Role.ADMIN);
    }

    private volatile String dummyHash;

    private String dummyHash() {
        if (dummyHash == null) dummyHash = hasher.generate("not-a-password".toCharArray());
        return dummyHash;
    }
}
