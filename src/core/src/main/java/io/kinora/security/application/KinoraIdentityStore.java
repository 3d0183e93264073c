package io.kinora.security.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/** The JPA identity store: local accounts with PBKDF2 hashes; used for HTTP Basic by programs. */
@ApplicationScoped
public class KinoraIdentityStore implements IdentityStore {
    @Inject
    AccountService accounts;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential up)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        try {
            return accounts.authenticate(up.getCaller(), up.getPasswordAsString())
                    .map(a -> new CredentialValidationResult(a.username(), a.roleIds()))
                    .orElse(CredentialValidationResult.INVALID_RESULT);
        } catch (io.kinora.problem.TooManyAttempts shut) {
            return CredentialValidationResult.INVALID_RESULT; // the password guard has shut this account for now
        }
    }
}
