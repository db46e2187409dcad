package io.callsight.feeds;

import java.math.BigInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.callsight.security.Access;
import io.callsight.security.Audited;
import io.callsight.security.Roles;

/** The pull feed and returns. */
@GraphQLApi
@Audited
@Access({ Roles.ADMIN, Roles.ANALYST, Roles.ADVERTISER })
public class FeedGraphQLApi {

    @Inject
    FeedService feed;

    @Query("verifiedLeads")
    @Description("Call-verified, qualified leads in feed order (seq). An ADVERTISER reads its own feed; ADMIN and "
            + "ANALYST name an advertiser or read all feeds. Page with first/after; after a page's endCursor come the "
            + "leads that entered later (with newestFirst: the ones that entered earlier).")
    public @NonNull VerifiedLeadConnection verifiedLeads(@Name("advertiserId") String advertiserId,
            @Name("first") Integer first, @Name("after") String after,
            @Name("newestFirst") @DefaultValue("false")
            @Description("Newest first (for people reading the feed) instead of feed order (for tools pulling it)")
            boolean newestFirst) {
        return feed.verifiedLeads(advertiserId, first, after, newestFirst);
    }

    @Mutation("returnLead")
    @Description("Returns a lead of your feed, with the reason, within the advertiser's return window")
    @Access({ Roles.ADMIN, Roles.ADVERTISER })
    public @NonNull VerifiedLead returnLead(@Name("seq") @NonNull BigInteger seq, @Name("reason") @NonNull String reason) {
        return feed.returnLead(seq.longValueExact(), reason);
    }
}
