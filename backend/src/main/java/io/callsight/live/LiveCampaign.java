package io.callsight.live;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One campaign on the floor today and in the last 15 minutes. */
@Type("LiveCampaign")
public record LiveCampaign(@NonNull String campaignId, String campaignName, String advertiserId,
        @NonNull LiveMetrics today, @NonNull LiveMetrics last15Minutes) {
}
