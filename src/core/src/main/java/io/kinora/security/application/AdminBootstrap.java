package io.kinora.security.application;

import io.kinora.security.domain.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At first start (no admin yet) creates the first admin from KINORA_ADMIN_USER / KINORA_ADMIN_PASSWORD,
 * or with a generated password printed once to the server log.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    AccountService accounts;

    @Inject
    @ConfigProperty(name = "kinora.admin.user", defaultValue = "admin")
    String adminUser;

    @Inject
    @ConfigProperty(name = "kinora.admin.password")
    Optional<String> adminPassword;

    @PostConstruct
    void ensureAdmin() {
        if (accounts.anyAdmin()) return;
        boolean generated = adminPassword.isEmpty();
        String password = adminPassword.orElseGet(AdminBootstrap::randomPassword);
        accounts.register(adminUser, password, Set.of(Role.ADMIN, Role.USER));
        if (generated) {
            LOG.warning("Kinora: created first admin '" + adminUser + "' with generated password: " + password
                    + "  (shown once; set KINORA_ADMIN_PASSWORD to choose it)");
        } else {
            LOG.info("Kinora: created first admin '" + adminUser + "' from configuration");
        }
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return sb.toString();
    }
}
