package io.callsight.sources;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** A CRM report family (one advertiser's report) and its schema: the registry entry of a source. */
@Type("CrmSource")
public record CrmSource(
        @Description("Source name, as given in ?source=") String name,
        String description,
        @Description("Values that mean \"no value\"; a row made only of them is a sentinel row") List<String> sentinels,
        List<SchemaColumn> columns) {

    SchemaColumn column(String canonical) {
        return columns.stream().filter(c -> c.name().equals(canonical)).findFirst().orElse(null);
    }
}
