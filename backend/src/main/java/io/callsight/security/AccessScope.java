package io.callsight.security;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.callsight.common.PhoneNumbers;
import io.quarkus.arc.Arc;

/**
 * What the caller may see, for services that answer every role: an ADVERTISER's queries are
 * narrowed to its advertiser whatever filter it sends, and phone numbers are masked for all but
 * ADMIN (an ADVERTISER sees the numbers of the leads delivered to it). Outside a request
 * (scheduler, startup) nothing is narrowed.
 */
@ApplicationScoped
public class AccessScope {

    /** An advertiser id no advertiser has: a filter on it matches nothing. */
    public static final String NO_ADVERTISER = "(outside your access)";

    @Inject
    CurrentUser user;

    private boolean inRequest() {
        return Arc.container().requestContext().isActive();
    }

    /** The advertiser key the caller is bound to, or null when it sees every advertiser. */
    public Integer advertiserKey() {
        return inRequest() && user.isAdvertiser() ? user.advertiserKey() : null;
    }

    /** The advertiser id the caller is bound to, or null when it sees every advertiser. */
    public String advertiserId() {
        return inRequest() && user.isAdvertiser() ? user.advertiserId() : null;
    }

    /**
     * The advertiser ids a filter may cover: the requested ones for ADMIN and ANALYST; for an
     * ADVERTISER only its own, and nothing at all when it asked only for others.
     */
    public List<String> advertiserIds(List<String> requested) {
        String own = advertiserId();
        if (own == null) {
            return requested;
        }
        if (requested == null || requested.contains(own)) {
            return List.of(own);
        }
        return List.of(NO_ADVERTISER);
    }

    /** Whether the caller sees every phone number in full (ADMIN, and internal work). */
    public boolean fullNumbers() {
        return !inRequest() || user.isAdmin();
    }

    /**
     * {@code +15551234567} as {@code +1******4567}: {@link PhoneNumbers#mask}, the one phone masking of reports,
     * exports and ingests.
     */
    public static String mask(String number) {
        return PhoneNumbers.mask(number);
    }
}
