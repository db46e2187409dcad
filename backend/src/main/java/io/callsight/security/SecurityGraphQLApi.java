package io.callsight.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.Cursors;
import io.callsight.common.NotFoundException;
import io.callsight.common.Page;

/** Who am I, users, API keys and the audit log. Everything but {@code me} is for ADMIN. */
@GraphQLApi
@Audited
@Access(Roles.ADMIN)
public class SecurityGraphQLApi {

    @Inject
    CurrentUser currentUser;

    @Inject
    Users users;

    @Inject
    ApiKeys keys;

    @Inject
    AgroalDataSource dataSource;

    @Query("me")
    @Description("The caller: name, role and bound advertiser")
    @Access({ Roles.ADMIN, Roles.ANALYST, Roles.ADVERTISER })
    public @NonNull Principal me() {
        return new Principal(currentUser.name(), Role.valueOf(currentUser.role()), currentUser.advertiserId(),
                currentUser.via());
    }

    @Query("users")
    @Description("Every user")
    public @NonNull List<@NonNull User> users() {
        return users.list();
    }

    @Mutation("createUser")
    @Description("Creates a user; an ADVERTISER must name its advertiser")
    public @NonNull User createUser(@Name("username") @NonNull String username,
            @Name("password") @NonNull String password, @Name("role") @NonNull Role role,
            @Name("advertiserId") String advertiserId) {
        return users.create(username, password, role, advertiserId);
    }

    @Mutation("updateUser")
    @Description("Changes a user's role, advertiser or disabled flag; arguments left out stay as they are")
    public @NonNull User updateUser(@Name("id") @NonNull @Id String id, @Name("role") Role role,
            @Name("advertiserId") String advertiserId, @Name("disabled") Boolean disabled) {
        return users.update(idOf("User", id), role, advertiserId, disabled);
    }

    @Mutation("setUserPassword")
    @Description("Sets a user's password (8 to 200 characters) and unlocks it")
    public @NonNull User setUserPassword(@Name("id") @NonNull @Id String id, @Name("password") @NonNull String password) {
        return users.setPassword(idOf("User", id), password);
    }

    @Mutation("unlockUser")
    @Description("Unlocks a user locked after failed logins")
    public @NonNull User unlockUser(@Name("id") @NonNull @Id String id) {
        return users.unlock(idOf("User", id));
    }

    @Query("apiKeys")
    @Description("Every API key, newest first (never the key itself)")
    public @NonNull List<@NonNull ApiKey> apiKeys() {
        return keys.list();
    }

    @Mutation("createApiKey")
    @Description("Creates an API key, returned whole only this once; an ADVERTISER key must name its advertiser")
    public @NonNull NewApiKey createApiKey(@Name("name") @NonNull String name, @Name("role") @NonNull Role role,
            @Name("advertiserId") String advertiserId) {
        return keys.create(name, role.name(), advertiserId, currentUser.name());
    }

    @Mutation("revokeApiKey")
    @Description("Revokes an API key: it stops working at once")
    public @NonNull ApiKey revokeApiKey(@Name("id") @NonNull @Id String id) {
        return keys.revoke(idOf("API key", id));
    }

    @Query("auditLog")
    @Description("Every change by an admin, newest first; optionally only one action (a mutation's name)")
    public @NonNull AuditEntryConnection auditLog(@Name("first") Integer first, @Name("after") String after,
            @Name("action") String action) {
        int size = Cursors.pageSize(first);
        long before = Cursors.decodeLong("audit", after, Long.MAX_VALUE);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT audit_id, at, actor, actor_role, action, target, "
                        + "detail::text, outcome FROM audit_log WHERE audit_id < ? AND (?::text IS NULL OR action = ?) "
                        + "ORDER BY audit_id DESC LIMIT ?")) {
            ps.setLong(1, before);
            ps.setString(2, action);
            ps.setString(3, action);
            ps.setInt(4, size + 1);
            try (ResultSet rs = ps.executeQuery()) {
                Page<AuditEdge> page = Page.read(rs, size, r -> {
                    AuditEntry e = new AuditEntry(Long.toString(r.getLong(1)), r.getObject(2, OffsetDateTime.class),
                            r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                            r.getString(8));
                    return new AuditEdge(Cursors.encode("audit", e.id()), e);
                });
                return new AuditEntryConnection(page.edges(), page.pageInfo(AuditEdge::cursor));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long idOf(String what, String id) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new NotFoundException(what + " " + id + " does not exist");
        }
    }
}
