package io.callsight.security;

/**
 * The roles of ARCHITECTURE §7, as the names {@code @RolesAllowed} uses. INGEST is for API keys only
 * (a key written into a dialer or a file drop): it may post events and files and read nothing.
 */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String ANALYST = "ANALYST";
    public static final String ADVERTISER = "ADVERTISER";
    public static final String INGEST = "INGEST";

    private Roles() {
    }

    public static boolean valid(String role) {
        return ADMIN.equals(role) || ANALYST.equals(role) || ADVERTISER.equals(role) || INGEST.equals(role);
    }
}
