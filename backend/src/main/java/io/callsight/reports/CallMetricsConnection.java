package io.callsight.reports;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.PageInfo;

@Type("CallMetricsConnection")
@Description("A page of callMetrics groups")
public record CallMetricsConnection(List<Edge> edges, PageInfo pageInfo,
        @Description("Number of groups over all pages") int totalCount) {

    @Type("CallMetricsEdge")
    public record Edge(String cursor, CallMetricsRow node) {
    }
}
