package io.callsight.security;

/** The three roles of ARCHITECTURE §7, as the names {@code @RolesAllowed} uses. */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String ANALYST = "ANALYST";
    public static final String ADVERTISER = "ADVERTISER";

    private Roles() {
    }

    public static boolean valid(String role) {
        return ADMIN.equals(role) || ANALYST.equals(role) || ADVERTISER.equals(role);
    }
}
