package io.callsight.leadquality;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.callsight.common.BadInputException;
import io.callsight.security.Access;
import io.callsight.security.Audited;
import io.callsight.security.Roles;
import io.callsight.sources.CrmSource;
import io.callsight.sources.SchemaColumnInput;
import io.callsight.sources.SchemaRegistry;

/** Lead quality: CRM snapshots matched with delivered leads, the funnel, data-quality checks, the schema registry. */
@GraphQLApi
@Access({ Roles.ADMIN, Roles.ANALYST })
@Audited
public class LeadQualityGraphQLApi {

    @Inject
    LeadQualityService service;

    @Inject
    SchemaRegistry registry;

    @Query("leadQualityFunnel")
    @Description("Delivered, matched, appointments set, demos and sales over report leads (each lead once, at its "
            + "latest snapshot on or before filter.asOf), grouped by any of the dimensions")
    public @NonNull List<@NonNull LeadQualityRow> leadQualityFunnel(@Name("filter") LeadQualityFilter filter,
            @Name("groupBy") List<LeadQualityDimension> groupBy) {
        return service.funnel(filter, groupBy);
    }

    @Query("crmSnapshots")
    @Description("CRM report snapshots loaded, oldest report date first")
    public @NonNull List<@NonNull CrmSnapshot> crmSnapshots(@Name("source") String source) {
        return service.snapshots(source);
    }

    @Query("dataQualityReport")
    @Description("The data-quality checks of one snapshot, errors first")
    public @NonNull DataQualityReport dataQualityReport(@Name("snapshotId") @Id @NonNull String snapshotId) {
        return service.qualityReport(parseId(snapshotId));
    }

    @Query("leadHistory")
    @Description("Every snapshot row about a lead, oldest first: by lead number, or by its hashes")
    public @NonNull List<@NonNull LeadHistoryRow> leadHistory(@Name("source") String source,
            @Name("leadNumber") String leadNumber, @Name("emailHash") String emailHash,
            @Name("phoneHash") String phoneHash) {
        return service.history(source, leadNumber, emailHash, phoneHash);
    }

    @Query("leadMatching")
    @Description("Report leads against delivered leads: matched, unmatched both ways, and conflicting identities")
    public @NonNull LeadMatchingReport leadMatching(@Name("source") String source,
            @Name("asOf") LocalDate asOf) {
        return service.matching(source, asOf);
    }

    @Query("schemaRegistry")
    @Description("The schema registry: expected columns of a CRM source (all sources when none is given)")
    public @NonNull List<@NonNull CrmSource> schemaRegistry(@Name("source") String source) {
        return source == null ? registry.sources() : List.of(registry.source(source.strip()));
    }

    @Access(Roles.ADMIN)
    @Mutation("setSchemaColumn")
    @Description("Adds or replaces one expected column of a source (synonyms, type, formats, required); the source is "
            + "created from the default one when new. Applies to snapshots loaded from now on.")
    public @NonNull CrmSource setSchemaColumn(@Name("source") @NonNull String source,
            @Name("column") @NonNull SchemaColumnInput column) {
        return registry.setColumn(source.strip(), column);
    }

    static long parseId(String id) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("Not a snapshot id: '" + id + "'");
        }
    }
}
