package io.callsight.reports;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("MetricOrder")
@Description("Sort callMetrics rows by a measure or by a group key")
public class MetricOrder {
    @Description("Sort by this measure (exclusive with `key`)")
    public Measure measure;
    @Description("Sort by this group key (exclusive with `measure`)")
    public SortKey key;
    @NonNull
    public SortDirection direction = SortDirection.DESC;

    @org.eclipse.microprofile.graphql.Enum("SortDirection")
    public enum SortDirection {
        ASC, DESC
    }

    @org.eclipse.microprofile.graphql.Enum("SortKey")
    public enum SortKey {
        BUCKET, CAMPAIGN, ADVERTISER, AGENT, CALL_STATUS, LEAD_STATUS, ATTEMPT_NUMBER, HOUR_OF_DAY, DAY_OF_WEEK
    }
}
