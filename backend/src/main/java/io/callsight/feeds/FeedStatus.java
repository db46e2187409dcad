package io.callsight.feeds;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("FeedStatus")
@Description("Where an advertiser's feed stands")
public record FeedStatus(
        @Description("Leads waiting to be delivered (incl. those being sent and those waiting for a retry)") long pending,
        @Description("Leads the webhook accepted") long delivered,
        @Description("Leads the webhook refused (4xx)") long rejected,
        @Description("Leads given up on after failing past the max age") long dead,
        @Description("Leads the advertiser returned") long returned,
        @Description("Leads delivered since midnight in the advertiser's time zone") long deliveredToday,
        @Description("The webhook's daily cap; null = none (or no webhook)") Integer dailyCap,
        @Description("When the oldest pending lead entered the feed; null when none is pending") OffsetDateTime oldestPendingAt) {
}
