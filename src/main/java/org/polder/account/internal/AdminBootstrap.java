package org.polder.account.internal;

import org.polder.account.Accounts;
import org.polder.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.EnumSet;

/**
 * Makes the first admin of a fresh installation from {@code POLDER_ADMIN_USERNAME} and
 * {@code POLDER_ADMIN_PASSWORD}, when both are set and no admin exists yet.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final String username;
    private final String password;

    AdminBootstrap(Accounts accounts, @Value("${polder.admin.username:}") String username,
                   @Value("${polder.admin.password:}") String password) {
        this.accounts = accounts;
        this.username = username;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!username.isBlank() && !password.isBlank() && !accounts.anyAdmin() && accounts.byUsername(username).isEmpty()) {
            accounts.create(username, password, "Administrator", EnumSet.of(Role.ADMIN), null, "en");
            log.info("Created the first admin account '{}'", username);
        }
    }
}
