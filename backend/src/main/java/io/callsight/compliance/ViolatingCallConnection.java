package io.callsight.compliance;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.PageInfo;

@Type("ViolatingCallConnection")
public record ViolatingCallConnection(@NonNull List<@NonNull ViolatingCallEdge> edges, @NonNull PageInfo pageInfo) {
}
