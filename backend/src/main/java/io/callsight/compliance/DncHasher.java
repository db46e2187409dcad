package io.callsight.compliance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.callsight.common.AppState;
import io.callsight.common.PhoneNumbers;

/**
 * The do-not-call list's keyed hash: HMAC-SHA-256 under the server secret ({@code CALLSIGHT_DNC_SECRET}) of the
 * number in E.164 (libphonenumber, default region {@code callsight.compliance.default-phone-region}). Without
 * the secret the stored hashes say nothing about the numbers, and nothing reads them back.
 */
@ApplicationScoped
public class DncHasher {

    private static final Logger LOG = Logger.getLogger(DncHasher.class);
    static final String SECRET_KEY = "compliance.dnc_secret";

    @Inject
    ComplianceConfig config;

    private volatile byte[] key;

    /** The number in E.164, or null when it is no phone number. */
    public String e164(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return PhoneNumbers.e164(raw.strip(), config.defaultPhoneRegion());
    }

    /** The hash of a number already in E.164. */
    public byte[] hash(Connection c, String e164) throws SQLException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(c), "HmacSHA256"));
            return mac.doFinal(e164.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available: " + e.getMessage(), e);
        }
    }

    private byte[] key(Connection c) throws SQLException {
        byte[] k = key;
        if (k == null) {
            String configured = config.dncSecret().filter(s -> !s.isBlank()).orElse(null);
            if (configured == null) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                configured = AppState.putIfAbsent(c, SECRET_KEY, HexFormat.of().formatHex(random));
                LOG.warn("CALLSIGHT_DNC_SECRET is not set: the do-not-call list is hashed with a secret generated once "
                        + "and kept in the database (set the variable to keep the key apart from the hashes)");
            }
            key = k = configured.getBytes(StandardCharsets.UTF_8);
        }
        return k;
    }
}
