package io.callsight.events;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** One mapping line to set. */
@Input("EventFieldMappingInput")
@Description("A dialer's parameter name and the call field it carries (any header synonym of the call file)")
public class EventFieldMappingInput {
    @NonNull
    public String parameter;
    @NonNull
    public String field;
}
