package io.callsight.strategy;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("NextAttemptAction")
@Description("CALL at the proposed time, or STOP calling the lead")
public enum NextAttemptAction {
    CALL, STOP
}
