package io.callsight.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: name, role and, for an ADVERTISER, the advertiser it is bound to. Read from the
 * request's security identity (set by {@link CallsightAuthMechanism}).
 */
@RequestScoped
public class CurrentUser {

    /** Identity attribute: the advertiser key (Integer) an ADVERTISER is bound to. */
    public static final String ADVERTISER_KEY = "callsight.advertiserKey";
    /** Identity attribute: the advertiser's external id (String). */
    public static final String ADVERTISER_ID = "callsight.advertiserId";
    /** Identity attribute: "token" or "key". */
    public static final String VIA = "callsight.via";

    @Inject
    SecurityIdentity identity;

    public boolean anonymous() {
        return identity.isAnonymous();
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public String role() {
        for (String r : new String[] { Roles.ADMIN, Roles.ANALYST, Roles.ADVERTISER, Roles.INGEST }) {
            if (identity.hasRole(r)) {
                return r;
            }
        }
        return null;
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    public boolean isAdvertiser() {
        return identity.hasRole(Roles.ADVERTISER);
    }

    /** The advertiser key an ADVERTISER is bound to; null for other roles. */
    public Integer advertiserKey() {
        return isAdvertiser() ? identity.getAttribute(ADVERTISER_KEY) : null;
    }

    /** The external id of the advertiser an ADVERTISER is bound to; null for other roles. */
    public String advertiserId() {
        return isAdvertiser() ? identity.getAttribute(ADVERTISER_ID) : null;
    }

    /** "token" or "key"; null for anonymous callers. */
    public String via() {
        return identity.isAnonymous() ? null : identity.getAttribute(VIA);
    }
}
