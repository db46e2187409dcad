package io.callsight.security;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Principal")
@Description("Who is calling")
public record Principal(@NonNull String username, @NonNull Role role,
        @Description("The advertiser an ADVERTISER is bound to") String advertiserId,
        @Description("How the caller signed in: token or key") @NonNull String via) {
}
