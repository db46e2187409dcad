package io.callsight.feeds;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The whole webhook: setWebhook replaces every setting (null ones take their defaults). Holds no secret. */
@Input("WebhookInput")
@Description("An advertiser's webhook; every field is set (a null one takes its default), the signing secret is "
        + "kept (rotate it with rotateWebhookSecret)")
public class WebhookInput {
    @NonNull
    @Description("http:// or https:// URL, without user:password")
    public String url;
    @Description("Whether leads are pushed (default false)")
    public Boolean enabled;
    @Description("First delivery hour, 0-23 in the advertiser's time zone (default 0)")
    public Integer deliveryStartHour;
    @Description("Hour delivery stops, 1-24 exclusive (default 24 = midnight); below the start hour the window runs "
            + "over midnight")
    public Integer deliveryEndHour;
    @Description("Most leads delivered per advertiser day, 1 or more; null = no cap")
    public Integer dailyCap;
    @Description("Most leads per POST, 1-1000 (default 100)")
    public Integer batchSize;
    @Description("Hours after which a lead that still fails goes DEAD, more than 0 (default 24)")
    public Double maxAgeHours;

    public WebhookInput() {
    }

    public WebhookInput(String url, Boolean enabled, Integer deliveryStartHour, Integer deliveryEndHour,
            Integer dailyCap, Integer batchSize, Double maxAgeHours) {
        this.url = url;
        this.enabled = enabled;
        this.deliveryStartHour = deliveryStartHour;
        this.deliveryEndHour = deliveryEndHour;
        this.dailyCap = dailyCap;
        this.batchSize = batchSize;
        this.maxAgeHours = maxAgeHours;
    }
}
