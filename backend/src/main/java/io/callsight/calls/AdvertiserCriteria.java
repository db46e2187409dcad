package io.callsight.calls;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Type;

/** What a converted lead must meet to count as qualified for its advertiser. */
@Type("AdvertiserCriteria")
@Input("AdvertiserCriteriaInput")
@Description("Criteria a converted lead must meet to be qualified; a null criterion does not constrain. They are "
        + "checked on the converting call (the call with lead status Interested).")
public class AdvertiserCriteria {
    @Description("Minimum customer talk time of the converting call, seconds")
    public Double minCustomerTalkSeconds;
    @Description("Maximum attempt number of the converting call")
    public Integer maxAttemptNo;
    @Description("Maximum lead age at conversion (converting dial time - lead created at), hours; a lead whose "
            + "creation time is unknown fails this criterion")
    public Double maxLeadAgeHours;

    public AdvertiserCriteria() {
    }

    public AdvertiserCriteria(Double minCustomerTalkSeconds, Integer maxAttemptNo, Double maxLeadAgeHours) {
        this.minCustomerTalkSeconds = minCustomerTalkSeconds;
        this.maxAttemptNo = maxAttemptNo;
        this.maxLeadAgeHours = maxLeadAgeHours;
    }
}
