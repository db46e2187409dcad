package io.callsight.feeds;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AdvertiserSettings")
@Description("An advertiser's feed settings")
public record AdvertiserSettings(
        @NonNull @Description("External advertiser id") String advertiserId,
        @NonNull @Description("IANA time zone the delivery hours and the daily cap are read in") String timeZone,
        @Description("Days after verification during which the advertiser may return a lead") int returnWindowDays,
        @Description("Push delivery of the feed; null when none is set up") Webhook webhook) {
}
