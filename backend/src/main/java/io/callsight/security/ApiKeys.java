package io.callsight.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.NotFoundException;

/**
 * API keys for partner tools and advertisers. A key is {@code cs_<8-char prefix>_<32 random chars>};
 * only its SHA-256 hash and the visible prefix are stored, the whole key is shown once. Keys are
 * random and long, so a fast hash is enough (bcrypt is for guessable passwords) and lookups stay
 * within the 5 ms budget; resolved keys are cached for a few seconds, a revoke clears the cache.
 */
@ApplicationScoped
public class ApiKeys {

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final long CACHE_NANOS = 10_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AgroalDataSource dataSource;

    /** A resolved key: who it acts as. */
    public record KeyOwner(long keyId, String name, String role, Integer advertiserKey, String advertiserId) {
    }

    private record Cached(KeyOwner owner, long loadedAt) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public NewApiKey create(String name, String role, String advertiserId, String createdBy) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new BadInputException("name: give the key a name of 1 to 100 characters");
        }
        Integer advertiserKey = Users.advertiserFor(dataSource, role, advertiserId);
        String prefix = "cs_" + random(8);
        String key = prefix + "_" + random(32);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO api_key (name, prefix, key_hash, role, "
                        + "advertiser_key, created_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING key_id")) {
            ps.setString(1, name.strip());
            ps.setString(2, prefix);
            ps.setString(3, sha256(key));
            ps.setString(4, role);
            ps.setObject(5, advertiserKey);
            ps.setString(6, createdBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new NewApiKey(key, byId(c, rs.getLong(1)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the API key: " + e.getMessage(), e);
        }
    }

    /** Stores a key given in configuration (automation, tests) as an ADMIN key, once. */
    public void ensureBootstrapKey(String key) {
        if (key == null || key.isBlank()) {
            return;
        }
        if (key.length() < 24) {
            throw new IllegalStateException("callsight.auth.bootstrap-api-key must be at least 24 characters");
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO api_key (name, prefix, key_hash, role, created_by) "
                        + "VALUES ('bootstrap (configuration)', ?, ?, 'ADMIN', 'configuration') ON CONFLICT DO NOTHING")) {
            ps.setString(1, key.substring(0, 11));
            ps.setString(2, sha256(key));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the bootstrap API key: " + e.getMessage(), e);
        }
    }

    public ApiKey revoke(long keyId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE key_id = ?")) {
            ps.setLong(1, keyId);
            if (ps.executeUpdate() == 0) {
                throw new NotFoundException("API key " + keyId + " does not exist");
            }
            cache.clear();
            return byId(c, keyId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not revoke the API key: " + e.getMessage(), e);
        }
    }

    public List<ApiKey> list() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY k.key_id DESC");
                ResultSet rs = ps.executeQuery()) {
            List<ApiKey> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(map(rs));
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who the key acts as, or null when it is unknown or revoked. Blocking (may query the database). */
    public KeyOwner resolve(String key) {
        if (key == null || key.length() < 20 || key.length() > 200) {
            return null;
        }
        String hash = sha256(key);
        Cached cached = cache.get(hash);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAt() < CACHE_NANOS) {
            return cached.owner();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE api_key k SET last_used_at = now() FROM "
                        + "(SELECT key_id FROM api_key WHERE key_hash = ? AND revoked_at IS NULL) x "
                        + "LEFT JOIN api_key k2 ON k2.key_id = x.key_id LEFT JOIN advertiser a "
                        + "ON a.advertiser_key = k2.advertiser_key WHERE k.key_id = x.key_id "
                        + "RETURNING k.key_id, k.name, k.role, k.advertiser_key, a.advertiser_id")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                KeyOwner owner = rs.next() ? new KeyOwner(rs.getLong(1), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), rs.getString(5)) : null;
                if (owner != null) {
                    cache.put(hash, new Cached(owner, now));
                } else {
                    cache.remove(hash);
                }
                return owner;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the API key: " + e.getMessage(), e);
        }
    }

    private static final String SELECT = "SELECT k.key_id, k.name, k.prefix, k.role, a.advertiser_id, k.created_by, "
            + "k.created_at, k.last_used_at, k.revoked_at FROM api_key k "
            + "LEFT JOIN advertiser a ON a.advertiser_key = k.advertiser_key";

    private static ApiKey byId(Connection c, long id) throws SQLException {
        return SingleRow.byId(c, SELECT + " WHERE k.key_id = ?", id, ApiKeys::map, "API key " + id + " does not exist");
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        return new ApiKey(Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3),
                Role.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class));
    }

    static String random(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
