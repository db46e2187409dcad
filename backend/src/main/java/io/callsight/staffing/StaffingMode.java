package io.callsight.staffing;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("StaffingMode")
@Description("WORKLOAD: outbound work (calls x mean agent call duration / interval / occupancy); ERLANG_C / "
        + "ERLANG_A: a queue with service-level targets (Erlang A needs patienceSeconds)")
public enum StaffingMode {
    WORKLOAD, ERLANG_C, ERLANG_A
}
