package io.callsight.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Resolves an API key (a database lookup, cached briefly) to the identity it acts as. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<CallsightAuthMechanism.ApiKeyRequest> {

    @Inject
    ApiKeys keys;

    @Override
    public Class<CallsightAuthMechanism.ApiKeyRequest> getRequestType() {
        return CallsightAuthMechanism.ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CallsightAuthMechanism.ApiKeyRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            ApiKeys.KeyOwner owner = keys.resolve(request.key);
            if (owner == null) {
                throw new AuthenticationFailedException("Unknown or revoked API key");
            }
            return CallsightAuthMechanism.identity("key:" + owner.name(), owner.role(), owner.advertiserKey(),
                    owner.advertiserId(), "key");
        });
    }
}
