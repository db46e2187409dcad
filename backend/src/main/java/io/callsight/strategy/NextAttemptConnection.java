package io.callsight.strategy;

import java.util.List;

import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.PageInfo;

@Type("NextAttemptConnection")
public record NextAttemptConnection(List<Edge> edges, PageInfo pageInfo) {

    @Type("NextAttemptEdge")
    public record Edge(String cursor, NextAttempt node) {
    }
}
