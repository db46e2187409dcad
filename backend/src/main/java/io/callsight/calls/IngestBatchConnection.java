package io.callsight.calls;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.PageInfo;

@Type("IngestBatchConnection")
public record IngestBatchConnection(List<Edge> edges, PageInfo pageInfo) {

    @Type("IngestBatchEdge")
    public record Edge(String cursor, IngestBatch node) {
    }
}
