package io.callsight.security;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Logins, tokens and the first users ({@code callsight.auth.*}). */
@ConfigMapping(prefix = "callsight.auth")
public interface AuthConfig {

    /** How long a login token is valid, in minutes; fractions allowed (0.25 = 15 s, for the browser test of renewal). */
    @WithDefault("60")
    double tokenMinutes();

    /** Password of the first admin ({@code CALLSIGHT_ADMIN_PASSWORD}); unset: the demo password or a printed random one. */
    Optional<String> adminPassword();

    /** Password of the demo users (and of the first admin when demo data is on and no admin password is set). */
    @WithDefault("callsight-demo")
    String demoPassword();

    /** An ADMIN API key for automation, stored hashed at start; unset by default. */
    Optional<String> bootstrapApiKey();

    /** Failed logins in a row that lock the account. */
    @WithDefault("5")
    int maxFailedLogins();

    /** How long a locked account stays locked. */
    @WithDefault("15")
    int lockMinutes();

    /** Delay of the first failed login's answer; it doubles with each failure in a row (at most 4 s). */
    @WithDefault("250")
    long failureDelayMs();
}
