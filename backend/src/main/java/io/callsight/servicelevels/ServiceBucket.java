package io.callsight.servicelevels;

import org.eclipse.microprofile.graphql.Name;

@Name("ServiceBucket")
public enum ServiceBucket {
    MINUTES_15, MINUTES_30, HOUR, DAY, WEEK, MONTH;

    boolean intraday() {
        return this == MINUTES_15 || this == MINUTES_30 || this == HOUR;
    }
}
