package io.callsight.feeds;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * An advertiser's webhook as the worker uses it (with the secret: never hand this to the API).
 * Delivery hours are [startHour, endHour) on the advertiser's clock, endHour 24 meaning midnight; a
 * window with startHour > endHour runs over midnight (22-6).
 */
public record WebhookTarget(int advertiserKey, String advertiserId, String url, String secret, boolean enabled,
        int deliveryStartHour, int deliveryEndHour, Integer dailyCap, int batchSize, double maxAgeHours, ZoneId zone) {

    public boolean inDeliveryHours(Instant now) {
        return inHours(ZonedDateTime.ofInstant(now, zone).getHour(), deliveryStartHour, deliveryEndHour);
    }

    static boolean inHours(int hour, int startHour, int endHour) {
        if (startHour < endHour) {
            return hour >= startHour && hour < endHour;
        }
        if (startHour > endHour) {
            return hour >= startHour || hour < endHour;
        }
        return false;
    }

    /** Start of the advertiser's current day: the daily cap counts from here. */
    public Instant localMidnight(Instant now) {
        return ZonedDateTime.ofInstant(now, zone).toLocalDate().atStartOfDay(zone).toInstant();
    }
}
