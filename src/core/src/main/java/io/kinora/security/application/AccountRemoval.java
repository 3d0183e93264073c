package io.kinora.security.application;

import io.kinora.problem.ProblemException;
import io.kinora.security.domain.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * A user closes their account: the password is asked again (through the {@link PasswordGuard}; accounts from the
 * company's SSO have none and are trusted on their token), every token stops working at once, then every video
 * (with everything it stored) and webhook goes, then the account itself. Each step can be repeated: a failure half
 * way leaves a disabled account (its tokens already dead) for an admin to see.
 */
@ApplicationScoped
public class AccountRemoval {
    private static final Logger LOG = Logger.getLogger(AccountRemoval.class.getName());

    @Inject AccountService accounts;
    @Inject jakarta.enterprise.event.Event<AccountClosing> closing;

    public void closeOwn(String username, String password, String client) {
        Account account = accounts.find(username)
                .orElseThrow(() -> ProblemException.notFound("no-such-user", "account no longer exists"));
        if (account.origin() == Account.Origin.LOCAL) {
            if (password == null || password.isEmpty()) {
                throw ProblemException.badRequest("missing-password", "send {\"password\"} to confirm");
            }
            accounts.authenticate(username, password, client)
                    .orElseThrow(() -> ProblemException.forbidden("wrong-current-password", "current password is wrong"));
        }
        accounts.requireAnotherAdmin(account);
        long id = account.id();
        accounts.setEnabled(id, false); // tokens end now; nothing new arrives while the videos go
        closing.fire(new AccountClosing(id)); // its videos and webhooks go
        accounts.delete(id);
        LOG.info(() -> "Account " + id + " closed by its owner");
    }
}
