package io.callsight.security;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("User")
public record User(@NonNull @Id String id, @NonNull String username, @NonNull Role role, String advertiserId,
        boolean disabled, @Description("Locked after repeated failed logins until then") OffsetDateTime lockedUntil,
        OffsetDateTime lastLoginAt, @NonNull OffsetDateTime createdAt) {
}
