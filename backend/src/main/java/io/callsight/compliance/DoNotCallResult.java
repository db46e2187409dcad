package io.callsight.compliance;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.FileBatches;

@Type("DoNotCallResult")
@Description("What a change of the do-not-call list did")
public record DoNotCallResult(@Description("The upload's batch (null for the API)") Long batchId,
        int rowsRead, int added, @Description("Already on the list") int alreadyListed, int removed, int rejected,
        @Description("Violations found again on the stored calls after the change") int violations,
        @NonNull List<@NonNull String> rejects,
        @Description("The refused entries one by one, with their line (or position) and value, in the order sent")
        @NonNull List<@NonNull DoNotCallInvalidLine> invalid) {

    static String reject(FileBatches.Rejected r) {
        return "line " + r.line() + ", " + r.field() + ": " + r.reason();
    }
}
