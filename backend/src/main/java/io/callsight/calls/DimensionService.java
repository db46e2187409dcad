package io.callsight.calls;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.graphql.Type;
import org.hibernate.Session;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.NotFoundException;
import io.quarkus.panache.common.Sort;

/** Advertisers (with their criteria), campaigns and agents. */
@ApplicationScoped
public class DimensionService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RollupMaintenance rollups;

    /** A campaign with its advertiser. */
    @Type("Campaign")
    public record CampaignView(String campaignId, String name, String advertiserId) {
    }

    /** An agent. */
    @Type("Agent")
    public record AgentView(String agentId, String name, String team) {
    }

    @Transactional
    public List<AdvertiserView> advertisers() {
        return Advertiser.<Advertiser>listAll(Sort.by("advertiserId")).stream()
                .map(AdvertiserView::of).toList();
    }

    @Transactional
    public AdvertiserView setCriteria(String advertiserId, AdvertiserCriteria criteria) {
        Advertiser a = Advertiser.findByAdvertiserId(advertiserId);
        if (a == null) {
            throw new NotFoundException("Advertiser '" + advertiserId + "' does not exist");
        }
        AdvertiserCriteria c = criteria == null ? new AdvertiserCriteria() : criteria;
        if (c.minCustomerTalkSeconds != null && (c.minCustomerTalkSeconds < 0 || c.minCustomerTalkSeconds.isNaN())) {
            throw new BadInputException("minCustomerTalkSeconds must be 0 or more (was " + c.minCustomerTalkSeconds + ")");
        }
        if (c.maxAttemptNo != null && c.maxAttemptNo < 1) {
            throw new BadInputException("maxAttemptNo must be 1 or more (was " + c.maxAttemptNo + ")");
        }
        if (c.maxLeadAgeHours != null && (c.maxLeadAgeHours < 0 || c.maxLeadAgeHours.isNaN())) {
            throw new BadInputException("maxLeadAgeHours must be 0 or more (was " + c.maxLeadAgeHours + ")");
        }
        // after any running batch, before this transaction locks the advertiser row a batch may upsert too
        Advertiser.getEntityManager().unwrap(Session.class).doWork(RollupMaintenance::awaitBatches);
        a.minCustomerTalkSeconds = c.minCustomerTalkSeconds;
        a.maxAttemptNo = c.maxAttemptNo;
        a.maxLeadAgeHours = c.maxLeadAgeHours;
        a.updatedAt = OffsetDateTime.now();
        Advertiser.getEntityManager().flush();
        // The rollup's qualified flag follows the new criteria in the same transaction.
        Advertiser.getEntityManager().unwrap(Session.class).doWork(
                connection -> rollups.refreshQualified(connection, a.key));
        return AdvertiserView.of(a);
    }

    public List<CampaignView> campaigns() {
        List<CampaignView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT cp.campaign_id, cp.name, a.advertiser_id FROM campaign cp "
                        + "LEFT JOIN advertiser a ON a.advertiser_key = cp.advertiser_key ORDER BY cp.campaign_id")) {
            while (rs.next()) {
                out.add(new CampaignView(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public List<AgentView> agents() {
        List<AgentView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT agent_id, name, team FROM agent ORDER BY agent_id")) {
            while (rs.next()) {
                out.add(new AgentView(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
