package io.kinora.security.application;

import io.kinora.problem.ProblemException;
import java.util.regex.Pattern;

/** What a username and a password must look like; one place so registration and bootstrap agree. */
final class PasswordPolicy {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{2,63}");
    static final int MIN_PASSWORD = 8;

    private PasswordPolicy() { }

    static void check(String username, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ProblemException.badRequest("invalid-username",
                    "username must be 3-64 characters: letters, digits, '.', '_', '@', '-'");
        }
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 1024) {
            throw ProblemException.badRequest("weak-password", "password must be at least " + MIN_PASSWORD + " characters");
        }
    }
}
