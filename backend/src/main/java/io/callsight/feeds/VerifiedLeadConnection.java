package io.callsight.feeds;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.PageInfo;

@Type("VerifiedLeadConnection")
public record VerifiedLeadConnection(@NonNull List<@NonNull VerifiedLeadEdge> edges, @NonNull PageInfo pageInfo) {
}
