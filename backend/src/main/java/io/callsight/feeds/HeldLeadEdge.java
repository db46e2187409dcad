package io.callsight.feeds;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("HeldLeadEdge")
public record HeldLeadEdge(@NonNull String cursor, @NonNull HeldLead node) {
}
