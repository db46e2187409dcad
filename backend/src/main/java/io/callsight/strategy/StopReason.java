package io.callsight.strategy;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("StopReason")
@Description("Why a lead should not be called again: CONVERTED (a call ended Interested), OPTED_OUT (a call ended DNC), "
        + "CLOSED (the latest call ended Not Interested or Wrong Number), ATTEMPT_POLICY (the attempt policy's stop is "
        + "reached), DO_NOT_CALL (the number is on the internal do-not-call list)")
public enum StopReason {
    CONVERTED, OPTED_OUT, CLOSED, ATTEMPT_POLICY, DO_NOT_CALL
}
