package io.callsight.events;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A dialer's parameter name and the call field it carries. */
@Type("EventFieldMapping")
@Description("A dialer's parameter name and the call field (canonical name, e.g. call_id) it carries")
public record EventFieldMapping(@NonNull String parameter, @NonNull String field) {
}
