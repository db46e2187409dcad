package io.callsight.feeds;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("VerifiedLeadEdge")
public record VerifiedLeadEdge(@NonNull String cursor, @NonNull VerifiedLead node) {
}
