package io.callsight.security;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.callsight.common.HashedNumbers;
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
     * {@code +15551234567} as {@code +1******4567}, {@code +447911123456} as {@code +44******3456}: the country code
     * (of any length, as libphonenumber knows them; one digit when none is recognised) and the last four digits stay.
     */
    public static String mask(String number) {
        if (number == null || number.isBlank() || HashedNumbers.isHashed(number)) {
            return number; // a hashed number (retention) reveals none
        }
        String n = number.strip();
        int keepHead = n.startsWith("+") && n.length() > 1 ? headLength(n) : 0;
        int keepTail = Math.min(4, Math.max(0, n.length() - keepHead - 1));
        int stars = n.length() - keepHead - keepTail;
        if (stars <= 0) {
            return "*".repeat(n.length());
        }
        return n.substring(0, keepHead) + "*".repeat(stars) + n.substring(n.length() - keepTail);
    }

    /** The length of {@code +} and the country code, counting the characters (spaces, dots) between its digits. */
    private static int headLength(String n) {
        int codeDigits = Math.max(1, PhoneNumbers.countryCodeDigits(n));
        int seen = 0;
        int i = 1;
        while (i < n.length() && seen < codeDigits) {
            if (Character.isDigit(n.charAt(i++))) {
                seen++;
            }
        }
        return i;
    }
}
