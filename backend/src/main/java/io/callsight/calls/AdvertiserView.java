package io.callsight.calls;

import org.eclipse.microprofile.graphql.Type;

@Type("Advertiser")
public record AdvertiserView(String advertiserId, String name, AdvertiserCriteria criteria) {

    static AdvertiserView of(Advertiser a) {
        return new AdvertiserView(a.advertiserId, a.name,
                new AdvertiserCriteria(a.minCustomerTalkSeconds, a.maxAttemptNo, a.maxLeadAgeHours));
    }
}
