package io.callsight.feeds;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.PageInfo;

@Type("HeldLeadConnection")
@Description("Held feed leads, newest hold first")
public record HeldLeadConnection(@NonNull List<@NonNull HeldLeadEdge> edges, @NonNull PageInfo pageInfo) {
}
