package io.callsight.sources;

import java.util.List;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A column of a source's schema, as set through GraphQL. */
@Input("SchemaColumnInput")
public record SchemaColumnInput(@NonNull String name, @NonNull String dataType, List<String> synonyms,
        List<String> formats, Boolean required, String description) {
}
