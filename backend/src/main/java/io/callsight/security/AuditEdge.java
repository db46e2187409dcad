package io.callsight.security;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AuditEntryEdge")
public record AuditEdge(@NonNull String cursor, @NonNull AuditEntry node) {
}
