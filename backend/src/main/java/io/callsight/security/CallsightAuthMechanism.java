package io.callsight.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads {@code Authorization: Bearer <token>} (a login token, verified in memory) or an API key
 * (resolved by {@link ApiKeyIdentityProvider}) from {@code X-Api-Key: <key>}, from
 * {@code Authorization: ApiKey <key>} (what a GraphQL WebSocket's connection_init payload carries) or,
 * on the event endpoints only, from the {@code api_key} query parameter of a dialer's webhook URL. No credentials: anonymous,
 * which every operation then refuses. Wrong credentials: 401 for the whole request.
 */
@ApplicationScoped
public class CallsightAuthMechanism implements HttpAuthenticationMechanism {

    static final String API_KEY_HEADER = "X-Api-Key";

    @Inject
    TokenService tokens;

    @Inject
    AuthTimers timers;

    /** Query parameter that carries a download link's token ({@link AuthResource#downloadLink}). */
    static final String DOWNLOAD_PARAM = "dl";

    /** Query parameter that may carry an API key on the event endpoints only (dialers cannot set headers). */
    static final String API_KEY_PARAM = "api_key";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "ApiKey ", 0, 7)) {
            // the form a WebSocket's connection_init payload can carry: {"Authorization": "ApiKey <key>"}
            return apiKey(authorization.substring(7).strip(), context, identityProviderManager);
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            long started = System.nanoTime();
            TokenService.Claims claims = tokens.verify(authorization.substring(7).strip());
            timers.token(System.nanoTime() - started);
            if (claims == null) {
                return Uni.createFrom().failure(new AuthenticationFailedException("Invalid or expired token"));
            }
            return Uni.createFrom().item(identity(claims.username(), claims.role(), claims.advertiserKey(),
                    claims.advertiserId(), "token"));
        }
        String link = context.request().getParam(DOWNLOAD_PARAM);
        if (authorization == null && link != null && AuthResource.DOWNLOADABLE.contains(context.request().path())) {
            TokenService.Claims claims = tokens.verifyDownload(link.strip(), context.request().path());
            if (claims == null) {
                return Uni.createFrom().failure(new AuthenticationFailedException("Invalid or expired download link"));
            }
            return Uni.createFrom().item(identity(claims.username(), claims.role(), claims.advertiserKey(),
                    claims.advertiserId(), "download-link"));
        }
        String key = context.request().getHeader(API_KEY_HEADER);
        if ((key == null || key.isBlank()) && context.request().path().startsWith("/api/events/")) {
            key = context.request().getParam(API_KEY_PARAM);
        }
        if (key != null && !key.isBlank()) {
            return apiKey(key.strip(), context, identityProviderManager);
        }
        return Uni.createFrom().optional(Optional.empty());
    }

    private static Uni<SecurityIdentity> apiKey(String key, RoutingContext context, IdentityProviderManager providers) {
        return providers.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key), context));
    }

    static SecurityIdentity identity(String name, String role, Integer advertiserKey, String advertiserId, String via) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name)).addRole(role).addAttribute(CurrentUser.VIA, via);
        if (advertiserKey != null) {
            b.addAttribute(CurrentUser.ADVERTISER_KEY, advertiserKey);
            b.addAttribute(CurrentUser.ADVERTISER_ID, advertiserId);
        }
        return b.build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"callsight\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    /** An API key to resolve. */
    public static final class ApiKeyRequest extends BaseAuthenticationRequest {
        final String key;

        ApiKeyRequest(String key) {
            this.key = key;
        }
    }
}
