package io.callsight.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.NotFoundException;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * Users with bcrypt password hashes, and the login that throttles guessing: each failed attempt
 * answers more slowly (0.25 s doubling, at most 4 s) and {@code max-failed-logins} failures in a row
 * lock the account for {@code lock-minutes}. A success resets the count.
 */
@ApplicationScoped
public class Users {

    static final int BCRYPT_COST = 10;
    /** A valid hash compared against when the user does not exist, so timing does not tell. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-password", BCRYPT_COST);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuthConfig config;

    /** The outcome of a login attempt. */
    public sealed interface LoginResult {
        record Success(String username, String role, Integer advertiserKey, String advertiserId) implements LoginResult {
        }

        record Failure(String reason) implements LoginResult {
        }

        record Locked(long retryAfterSeconds) implements LoginResult {
        }
    }

    /**
     * A signed-in user's current standing, for renewing a session without the password: Success with
     * the role and advertiser as they are now, Failure when the user is gone, disabled or locked.
     */
    public LoginResult standing(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT u.username, u.role, u.advertiser_key, "
                        + "a.advertiser_id FROM app_user u LEFT JOIN advertiser a ON a.advertiser_key = u.advertiser_key "
                        + "WHERE lower(u.username) = lower(?) AND NOT u.disabled "
                        + "AND (u.locked_until IS NULL OR u.locked_until < now())")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new LoginResult.Failure("This account is disabled, locked or gone: sign in again");
                }
                return new LoginResult.Success(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                        rs.getString(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the user: " + e.getMessage(), e);
        }
    }

    public LoginResult login(String username, String password) {
        if (username == null || password == null || username.isBlank() || username.length() > 64
                || password.length() > 200) {
            return new LoginResult.Failure("Wrong username or password");
        }
        try (Connection c = dataSource.getConnection()) {
            String hash;
            long userId;
            String role;
            Integer advertiserKey;
            String advertiserId;
            int failed;
            OffsetDateTime lockedUntil;
            boolean disabled;
            String name;
            try (PreparedStatement ps = c.prepareStatement("SELECT u.user_id, u.username, u.password_hash, u.role, "
                    + "u.advertiser_key, a.advertiser_id, u.failed_logins, u.locked_until, u.disabled FROM app_user u "
                    + "LEFT JOIN advertiser a ON a.advertiser_key = u.advertiser_key WHERE lower(u.username) = lower(?)")) {
                ps.setString(1, username.strip());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        BcryptUtil.matches(password, DUMMY_HASH);
                        sleep(config.failureDelayMs());
                        return new LoginResult.Failure("Wrong username or password");
                    }
                    userId = rs.getLong(1);
                    name = rs.getString(2);
                    hash = rs.getString(3);
                    role = rs.getString(4);
                    advertiserKey = (Integer) rs.getObject(5);
                    advertiserId = rs.getString(6);
                    failed = rs.getInt(7);
                    lockedUntil = rs.getObject(8, OffsetDateTime.class);
                    disabled = rs.getBoolean(9);
                }
            }
            OffsetDateTime now = OffsetDateTime.now();
            if (lockedUntil != null && lockedUntil.isAfter(now)) {
                return new LoginResult.Locked(Math.max(1, Duration.between(now, lockedUntil).toSeconds()));
            }
            if (!BcryptUtil.matches(password, hash) || disabled) {
                int count = failed + 1;
                boolean lock = count >= config.maxFailedLogins();
                try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET failed_logins = ?, last_failed_at = now(), "
                        + "locked_until = CASE WHEN ? THEN now() + ? * interval '1 minute' ELSE locked_until END "
                        + "WHERE user_id = ?")) {
                    ps.setInt(1, lock ? 0 : count);
                    ps.setBoolean(2, lock);
                    ps.setInt(3, config.lockMinutes());
                    ps.setLong(4, userId);
                    ps.executeUpdate();
                }
                if (lock) {
                    return new LoginResult.Locked(config.lockMinutes() * 60L);
                }
                sleep(Math.min(4000, config.failureDelayMs() << Math.min(count - 1, 4)));
                return new LoginResult.Failure(disabled ? "This account is disabled" : "Wrong username or password");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET failed_logins = 0, locked_until = NULL, "
                    + "last_login_at = now() WHERE user_id = ?")) {
                ps.setLong(1, userId);
                ps.executeUpdate();
            }
            return new LoginResult.Success(name, role, advertiserKey, advertiserId);
        } catch (SQLException e) {
            throw new IllegalStateException("Login failed: " + e.getMessage(), e);
        }
    }

    public User create(String username, String password, Role role, String advertiserId) {
        if (username == null || !username.strip().matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new BadInputException("username: use 1 to 64 letters, digits or . _ @ -");
        }
        checkPassword(password);
        refuseIngest(role);
        Integer advertiserKey = advertiserFor(dataSource, role.name(), advertiserId);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (username, password_hash, role, "
                        + "advertiser_key) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING user_id")) {
            ps.setString(1, username.strip());
            ps.setString(2, BcryptUtil.bcryptHash(password, BCRYPT_COST));
            ps.setString(3, role.name());
            ps.setObject(4, advertiserKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new BadInputException("username: '" + username.strip() + "' is taken");
                }
                return byId(c, rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the user: " + e.getMessage(), e);
        }
    }

    /** Creates the user when no user of that name exists (bootstrap); true when created. */
    boolean createIfMissing(String username, String password, Role role, String advertiserId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM app_user WHERE lower(username) = lower(?)")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        create(username, password, role, advertiserId);
        return true;
    }

    boolean anyAdmin() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM app_user WHERE role = 'ADMIN' AND NOT disabled LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public User update(long id, Role role, String advertiserId, Boolean disabled) {
        try (Connection c = dataSource.getConnection()) {
            User current = byId(c, id);
            Role newRole = role != null ? role : current.role();
            refuseIngest(newRole);
            String newAdvertiser = newRole == Role.ADVERTISER
                    ? (advertiserId != null ? advertiserId : current.advertiserId()) : null;
            Integer advertiserKey = advertiserFor(dataSource, newRole.name(), newAdvertiser);
            try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET role = ?, advertiser_key = ?, "
                    + "disabled = coalesce(?, disabled), updated_at = now() WHERE user_id = ?")) {
                ps.setString(1, newRole.name());
                ps.setObject(2, advertiserKey);
                ps.setObject(3, disabled);
                ps.setLong(4, id);
                ps.executeUpdate();
            }
            return byId(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update the user: " + e.getMessage(), e);
        }
    }

    public User setPassword(long id, String password) {
        checkPassword(password);
        return updateOne(id, "UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = NULL, "
                + "updated_at = now() WHERE user_id = ?", BcryptUtil.bcryptHash(password, BCRYPT_COST));
    }

    public User unlock(long id) {
        return updateOne(id, "UPDATE app_user SET failed_logins = 0, locked_until = NULL, updated_at = now() "
                + "WHERE user_id = ?", null);
    }

    private User updateOne(long id, String sql, String hash) {
        try (Connection c = dataSource.getConnection()) {
            byId(c, id);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (hash != null) {
                    ps.setString(1, hash);
                    ps.setLong(2, id);
                } else {
                    ps.setLong(1, id);
                }
                ps.executeUpdate();
            }
            return byId(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<User> list() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY u.user_id");
                ResultSet rs = ps.executeQuery()) {
            List<User> users = new ArrayList<>();
            while (rs.next()) {
                users.add(map(rs));
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SELECT = "SELECT u.user_id, u.username, u.role, a.advertiser_id, u.disabled, "
            + "u.locked_until, u.last_login_at, u.created_at FROM app_user u "
            + "LEFT JOIN advertiser a ON a.advertiser_key = u.advertiser_key";

    private static User byId(Connection c, long id) throws SQLException {
        return SingleRow.byId(c, SELECT + " WHERE u.user_id = ?", id, Users::map, "User " + id + " does not exist");
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(Long.toString(rs.getLong(1)), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4),
                rs.getBoolean(5), rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
                rs.getObject(8, OffsetDateTime.class));
    }

    /** INGEST is a role for API keys (a dialer's configuration), never for a person who signs in. */
    private static void refuseIngest(Role role) {
        if (role == Role.INGEST) {
            throw new BadInputException("role: INGEST is for API keys only; users are ADMIN, ANALYST or ADVERTISER");
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < 8 || password.length() > 200) {
            throw new BadInputException("password: use 8 to 200 characters");
        }
    }

    /** The advertiser key an ADVERTISER is bound to (required for it, refused for other roles). */
    static Integer advertiserFor(AgroalDataSource dataSource, String role, String advertiserId) {
        if (!Roles.valid(role)) {
            throw new BadInputException("role: expected ADMIN, ANALYST, ADVERTISER or INGEST, got " + role);
        }
        if (!Roles.ADVERTISER.equals(role)) {
            if (advertiserId != null && !advertiserId.isBlank()) {
                throw new BadInputException("advertiserId: only an ADVERTISER is bound to an advertiser");
            }
            return null;
        }
        if (advertiserId == null || advertiserId.isBlank()) {
            throw new BadInputException("advertiserId: an ADVERTISER must be bound to an advertiser");
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT advertiser_key FROM advertiser WHERE advertiser_id = ?")) {
            ps.setString(1, advertiserId.strip());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("Advertiser " + advertiserId + " does not exist");
                }
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
