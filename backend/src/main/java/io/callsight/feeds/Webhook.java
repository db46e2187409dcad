package io.callsight.feeds;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Webhook")
@Description("Where and when an advertiser's feed is pushed. The signing secret is never shown again after it is "
        + "generated; secretHint tells which one is in use.")
public record Webhook(
        @NonNull @Description("HTTP(S) URL the signed batches are POSTed to") String url,
        @Description("Whether leads are pushed") boolean enabled,
        @Description("First hour (0-23, advertiser's time zone) leads are pushed") int deliveryStartHour,
        @Description("Hour (1-24, exclusive; 24 = midnight) pushing stops; below the start hour the window runs over "
                + "midnight") int deliveryEndHour,
        @Description("Most leads delivered per advertiser day; null = no cap") Integer dailyCap,
        @Description("Most leads per POST (1-1000)") int batchSize,
        @Description("A lead still failing this many hours after entering the feed goes DEAD") double maxAgeHours,
        @NonNull @Description("First 4 characters of the signing secret, then an ellipsis") String secretHint) {

    static String hint(String secret) {
        return (secret.length() <= 4 ? secret : secret.substring(0, 4)) + "\u2026";
    }
}
