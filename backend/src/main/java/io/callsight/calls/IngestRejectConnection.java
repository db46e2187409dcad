package io.callsight.calls;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.PageInfo;

@Type("IngestRejectConnection")
public record IngestRejectConnection(List<Edge> edges, PageInfo pageInfo, int totalCount) {

    @Type("IngestRejectEdge")
    public record Edge(String cursor, IngestReject node) {
    }
}
