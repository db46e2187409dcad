package io.callsight.security;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.PageInfo;

@Type("AuditEntryConnection")
public record AuditEntryConnection(@NonNull List<@NonNull AuditEdge> edges, @NonNull PageInfo pageInfo) {
}
