package io.callsight.common;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** Relay page info. */
@Type("PageInfo")
@Description("Relay paging information")
public record PageInfo(@Description("More items follow endCursor") boolean hasNextPage,
        @Description("Cursor of the last edge of this page; pass it as `after` for the next page") String endCursor) {
}
