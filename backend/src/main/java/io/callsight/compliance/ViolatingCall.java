package io.callsight.compliance;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ViolatingCall")
@Description("A call that broke at least one calling rule")
public record ViolatingCall(@NonNull String callId, @NonNull String leadId, @NonNull OffsetDateTime dialTime,
        String campaignId, String agentId, String agentName,
        @Description("Masked for ANALYST") String toNumber,
        @Description("Codes of the rules broken") @NonNull List<@NonNull String> rules,
        @Description("What happened, per rule") @NonNull List<@NonNull String> details,
        @Description("False when the lead's location was unknown and the hours were checked in every US zone") boolean locationKnown) {
}
