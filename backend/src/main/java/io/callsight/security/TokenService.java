package io.callsight.security;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.AppState;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/**
 * Short-lived login tokens: JWTs signed with HS256 (smallrye-jwt) carrying the user's name, role
 * and advertiser. The signing secret is generated once and kept in app_state, so every instance of
 * the service (and a restarted one) accepts the tokens of the others.
 */
@ApplicationScoped
public class TokenService {

    static final String ISSUER = "callsight";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuthConfig config;

    private volatile SecretKey key;
    private final JWTParser parser = new DefaultJWTParser();

    /** What a valid token says. */
    public record Claims(String username, String role, Integer advertiserKey, String advertiserId) {
    }

    public record Issued(String token, Instant expiresAt) {
    }

    /** How long a download link is good for. */
    static final Duration DOWNLOAD_LINK_LIFETIME = Duration.ofSeconds(60);
    /** The claim that makes a token a download link: the one path it opens. */
    private static final String DOWNLOAD_PATH = "dl";

    public Issued issue(String username, String role, Integer advertiserKey, String advertiserId) {
        Instant expires = Instant.now().plus(Duration.ofMillis(Math.round(config.tokenMinutes() * 60_000)));
        return sign(username, role, advertiserKey, advertiserId, expires, null);
    }

    /**
     * A download link's token: the user's claims for one path ({@code /api/calls/export.csv}) for a minute, so the
     * browser fetches the file itself (streamed to disk, not held in page memory). It is no login token.
     */
    public Issued issueDownload(String username, String role, Integer advertiserKey, String advertiserId, String path) {
        return sign(username, role, advertiserKey, advertiserId, Instant.now().plus(DOWNLOAD_LINK_LIFETIME), path);
    }

    private Issued sign(String username, String role, Integer advertiserKey, String advertiserId, Instant expires,
            String downloadPath) {
        var builder = Jwt.issuer(ISSUER).upn(username).subject(username).groups(role).expiresAt(expires);
        if (advertiserKey != null) {
            builder.claim("adv", advertiserKey.longValue()).claim("advId", advertiserId);
        }
        if (downloadPath != null) {
            builder.claim(DOWNLOAD_PATH, downloadPath);
        }
        return new Issued(builder.jws().algorithm(SignatureAlgorithm.HS256).sign(key()), expires);
    }

    /** A login token's claims, or null when it is malformed, forged, expired or a download link. */
    public Claims verify(String token) {
        return verify(token, null);
    }

    /** A download link's claims when it opens {@code path}, else null (a login token is no download link). */
    public Claims verifyDownload(String token, String path) {
        return path == null ? null : verify(token, path);
    }

    private Claims verify(String token, String downloadPath) {
        try {
            JsonWebToken jwt = parser.verify(token, key());
            if (!ISSUER.equals(jwt.getIssuer()) || jwt.getGroups() == null || jwt.getGroups().size() != 1) {
                return null;
            }
            Object path = jwt.getClaim(DOWNLOAD_PATH);
            String linkPath = path == null ? null : path instanceof JsonString js ? js.getString() : path.toString();
            if (!Objects.equals(linkPath, downloadPath)) {
                return null;
            }
            String role = jwt.getGroups().iterator().next();
            Object adv = jwt.getClaim("adv");
            Integer advertiserKey = adv instanceof Number n ? n.intValue()
                    : adv instanceof JsonNumber jn ? jn.intValue() : null;
            Object advId = jwt.getClaim("advId");
            String advertiserId = advId == null ? null
                    : advId instanceof JsonString js ? js.getString() : advId.toString();
            if (!Roles.valid(role) || (Roles.ADVERTISER.equals(role) && advertiserKey == null)) {
                return null;
            }
            return new Claims(jwt.getName(), role, advertiserKey, advertiserId);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadOrCreateSecret(), "HmacSHA256");
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadOrCreateSecret() {
        byte[] fresh = new byte[64];
        new SecureRandom().nextBytes(fresh);
        try (Connection c = dataSource.getConnection()) {
            return Base64.getDecoder().decode(
                    AppState.putIfAbsent(c, "token_secret", Base64.getEncoder().encodeToString(fresh)));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the token signing secret: " + e.getMessage(), e);
        }
    }
}
