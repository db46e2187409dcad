package io.callsight.calls;

import io.callsight.common.NotFoundException;
import io.callsight.common.PersonalDataFinding;
import io.callsight.security.Access;
import io.callsight.security.AccessScope;
import io.callsight.security.Roles;
import io.callsight.security.Audited;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Ingest batches, dimensions and advertiser criteria. */
@GraphQLApi
@Access({ Roles.ADMIN, Roles.ANALYST })
@Audited
public class CallGraphQLApi {

    @Inject
    IngestBatchService batches;

    @Inject
    DimensionService dimensions;

    @Inject
    AccessScope scope;

    @Access(Roles.ADMIN)
    @Query("ingestBatches")
    @Description("Ingest batches, newest first")
    public @NonNull IngestBatchConnection ingestBatches(@Name("first") Integer first, @Name("after") String after,
            @Name("kind") @Description("Only batches of this kind: calls, leads, service-metrics, inbound-calls, agent-kpis or events") String kind) {
        return batches.batches(first, after, kind);
    }

    @Access(Roles.ADMIN)
    @Query("ingestBatch")
    @Description("One ingest batch with its rejected rows")
    public @NonNull IngestBatch ingestBatch(@Name("id") @NonNull @Id String id) {
        long batchId;
        try {
            batchId = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new NotFoundException("Ingest batch " + id + " does not exist");
        }
        return batches.batch(batchId);
    }

    @Description("Rejected rows of the batch, in line order")
    public @NonNull IngestRejectConnection rejects(@Source IngestBatch batch, @Name("first") Integer first,
            @Name("after") String after) {
        return batches.rejects(batch.id(), first, after);
    }

    @Description("Personal data (e-mail addresses, phone numbers, card numbers) found in the batch's unknown and "
            + "free-text columns, by column and kind; the values were stored masked")
    public @NonNull List<@NonNull PersonalDataFinding> personalData(@Source IngestBatch batch) {
        return batches.personalData(batch.id());
    }

    @Access({ Roles.ADMIN, Roles.ANALYST, Roles.ADVERTISER })
    @Query("advertisers")
    @Description("Advertisers with their qualification criteria (an ADVERTISER sees only its own)")
    public @NonNull List<@NonNull AdvertiserView> advertisers() {
        String own = scope.advertiserId();
        return dimensions.advertisers().stream().filter(a -> own == null || own.equals(a.advertiserId())).toList();
    }

    @Access({ Roles.ADMIN, Roles.ANALYST, Roles.ADVERTISER })
    @Query("campaigns")
    @Description("Campaigns with their advertiser (an ADVERTISER sees only its own)")
    public @NonNull List<DimensionService.@NonNull CampaignView> campaigns() {
        String own = scope.advertiserId();
        return dimensions.campaigns().stream().filter(c -> own == null || own.equals(c.advertiserId())).toList();
    }

    @Query("agents")
    @Description("Agents")
    public @NonNull List<DimensionService.@NonNull AgentView> agents() {
        return dimensions.agents();
    }

    @Access(Roles.ADMIN)
    @Mutation("setAdvertiserCriteria")
    @Description("Sets the criteria a converted lead must meet to count as qualified for this advertiser; null "
            + "criteria do not constrain")
    public @NonNull AdvertiserView setAdvertiserCriteria(@Name("advertiserId") @NonNull String advertiserId,
            @Name("criteria") AdvertiserCriteria criteria) {
        return dimensions.setCriteria(advertiserId, criteria);
    }
}
