package io.callsight.instances;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.callsight.security.Access;
import io.callsight.security.Roles;

/** The Callsight instances running on this database (ADMIN). */
@GraphQLApi
@Access(Roles.ADMIN)
public class InstanceGraphQLApi {

    @Inject
    InstanceRegistry registry;

    @Query("instances")
    @Description("The Callsight instances registered on this database with their last heartbeat, the answering one "
            + "first; a stale one is dead (killed), and its running batches are failed by the others. ADMIN only.")
    public @NonNull List<@NonNull Instance> instances() {
        return registry.instances();
    }
}
