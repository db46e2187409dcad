package io.callsight.compliance;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ViolatingCallEdge")
public record ViolatingCallEdge(@NonNull String cursor, @NonNull ViolatingCall node) {
}
