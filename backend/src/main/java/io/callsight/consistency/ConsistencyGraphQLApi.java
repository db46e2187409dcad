package io.callsight.consistency;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.callsight.security.Access;
import io.callsight.security.Roles;

/** The consistency check of the derived tables (ADMIN). */
@GraphQLApi
@Access(Roles.ADMIN)
public class ConsistencyGraphQLApi {

    @Inject
    ConsistencyService consistency;

    @Query("consistencyCheck")
    @Description("Compares every rollup (agent_day_rollup, status_day_rollup, lead_rollup, lead_day_rollup, "
            + "conversion_call, and the counts kept from them) with a rebuild from the call fact and every feed row with its call, in one snapshot. ADMIN only.")
    public @NonNull ConsistencyReport consistencyCheck() {
        return consistency.check();
    }
}
