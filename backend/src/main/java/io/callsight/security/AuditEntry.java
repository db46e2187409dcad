package io.callsight.security;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AuditEntry")
public record AuditEntry(@NonNull @Id String id, @NonNull OffsetDateTime at, @NonNull String actor, String actorRole,
        @NonNull String action, String target, @Description("The arguments, as JSON text") String detail,
        @NonNull String outcome) {
}
