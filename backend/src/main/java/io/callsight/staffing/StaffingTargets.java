package io.callsight.staffing;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("StaffingTargets")
@Description("Targets of a staffing plan; absent values take the defaults shown")
public class StaffingTargets {
    @Description("Share answered within answerWithinSeconds (default 0.8)")
    public Double serviceLevel;
    @Description("Default 20")
    public Double answerWithinSeconds;
    @Description("Erlang modes: highest occupancy allowed (default 0.85); WORKLOAD: the occupancy planned for")
    public Double maxOccupancy;
    @Description("Share of paid time off the phones (default 0.3)")
    public Double shrinkage;
    @Description("Mean patience in seconds (Erlang A; default 300)")
    public Double patienceSeconds;
    @Description("Highest abandon rate allowed (Erlang A; optional)")
    public Double maxAbandonRate;
}
