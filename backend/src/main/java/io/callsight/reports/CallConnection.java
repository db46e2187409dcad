package io.callsight.reports;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.PageInfo;

@Type("CallConnection")
public record CallConnection(List<Edge> edges, PageInfo pageInfo) {

    @Type("CallEdge")
    public record Edge(String cursor, CallNode node) {
    }
}
