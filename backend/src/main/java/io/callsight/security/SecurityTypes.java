package io.callsight.security;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.PageInfo;

/** GraphQL types of users, keys and the audit log. */
public final class SecurityTypes {

    private SecurityTypes() {
    }

    @Type("Principal")
    @Description("Who is calling")
    public record Principal(@NonNull String username, @NonNull Role role,
            @Description("The advertiser an ADVERTISER is bound to") String advertiserId,
            @Description("How the caller signed in: token or key") @NonNull String via) {
    }

    @org.eclipse.microprofile.graphql.Enum("Role")
    @Description("ADMIN: everything; ANALYST: reports with phone numbers masked; ADVERTISER: its own leads and feed")
    public enum Role {
        ADMIN, ANALYST, ADVERTISER
    }

    @Type("User")
    public record User(@NonNull @Id String id, @NonNull String username, @NonNull Role role, String advertiserId,
            boolean disabled, @Description("Locked after repeated failed logins until then") OffsetDateTime lockedUntil,
            OffsetDateTime lastLoginAt, @NonNull OffsetDateTime createdAt) {
    }

    @Type("ApiKey")
    @Description("An API key; the key itself is shown only once, when created")
    public record ApiKey(@NonNull @Id String id, @NonNull String name,
            @Description("The key's visible beginning, e.g. cs_Ab3dEf9h") @NonNull String prefix, @NonNull Role role,
            String advertiserId, String createdBy, @NonNull OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
            OffsetDateTime revokedAt) {
    }

    @Type("NewApiKey")
    public record NewApiKey(@Description("The whole key: store it now, it is not shown again") @NonNull String key,
            @NonNull ApiKey apiKey) {
    }

    @Type("AuditEntry")
    public record AuditEntry(@NonNull @Id String id, @NonNull OffsetDateTime at, @NonNull String actor, String actorRole,
            @NonNull String action, String target, @Description("The arguments, as JSON text") String detail,
            @NonNull String outcome) {
    }

    @Type("AuditEntryConnection")
    public record AuditEntryConnection(@NonNull List<@NonNull AuditEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Type("AuditEntryEdge")
    public record AuditEdge(@NonNull String cursor, @NonNull AuditEntry node) {
    }
}
