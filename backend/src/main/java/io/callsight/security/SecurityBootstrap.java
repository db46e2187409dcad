package io.callsight.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * The first admin: {@code CALLSIGHT_ADMIN_PASSWORD} when set, else (demo data on) the demo password,
 * else a random password printed once. Demo data also brings the users analyst and advertiser1
 * (bound to the first demo advertiser) with the demo password. A configured bootstrap API key is
 * stored as an ADMIN key.
 */
@ApplicationScoped
public class SecurityBootstrap {

    private static final Logger LOG = Logger.getLogger(SecurityBootstrap.class);

    @Inject
    Users users;

    @Inject
    ApiKeys keys;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuthConfig config;

    /** Runs after the demo data (see demo.StartupSequence), so the demo advertiser exists. */
    public void run(boolean demo, String firstDemoAdvertiser) {
        keys.ensureBootstrapKey(config.bootstrapApiKey().orElse(null));
        Optional<String> adminPassword = config.adminPassword();
        String demoPassword = config.demoPassword();
        if (!users.anyAdmin()) {
            String password = adminPassword.filter(p -> !p.isBlank()).orElse(null);
            boolean printed = false;
            if (password == null && demo) {
                password = demoPassword;
            }
            if (password == null) {
                password = ApiKeys.random(20);
                printed = true;
            }
            if (users.createIfMissing("admin", password, Role.ADMIN, null)) {
                if (printed) {
                    LOG.warnf("%n%n  First start: created the user 'admin' with the password  %s%n"
                            + "  It is shown only this once. Set CALLSIGHT_ADMIN_PASSWORD to choose it.%n", password);
                } else {
                    LOG.infof("Created the user 'admin' (password from %s)",
                            adminPassword.isPresent() ? "CALLSIGHT_ADMIN_PASSWORD" : "CALLSIGHT_DEMO_PASSWORD");
                }
            }
        }
        if (demo) {
            users.createIfMissing("analyst", demoPassword, Role.ANALYST, null);
            if (firstDemoAdvertiser != null) {
                users.createIfMissing("advertiser1", demoPassword, Role.ADVERTISER, firstDemoAdvertiser);
            }
        }
    }

    /** The first advertiser of the demo data (by key), or null. */
    public String firstAdvertiser() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT advertiser_id FROM advertiser ORDER BY advertiser_key LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
