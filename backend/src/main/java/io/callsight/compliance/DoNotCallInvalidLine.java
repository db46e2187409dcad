package io.callsight.compliance;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One entry of a do-not-call change that is no phone number: where it was, what it said, why it was refused. */
@Type("DoNotCallInvalidLine")
@Description("An entry of a do-not-call change that is no phone number (nothing is stored for it)")
public record DoNotCallInvalidLine(
        @Description("Its line in the uploaded file (the header, when there is one, is line 1), or its position in "
                + "`numbers` counted from 1") int line,
        @Description("The entry as sent, trimmed (at most " + DoNotCallInvalidLine.MAX_VALUE + " characters); only "
                + "the caller sees it, it is not stored") @NonNull String value,
        @Description("Why it was refused, e.g. \"not a phone number\"") @NonNull String reason) {

    static final int MAX_VALUE = 100;

    static DoNotCallInvalidLine of(int line, String raw, String reason) {
        String v = raw == null ? "" : raw.strip();
        return new DoNotCallInvalidLine(line, v.length() > MAX_VALUE ? v.substring(0, MAX_VALUE) + "…" : v, reason);
    }
}
