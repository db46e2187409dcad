package io.callsight.feeds;

import jakarta.inject.Singleton;

import io.callsight.calls.InsertedCallsExtension;
import io.callsight.calls.Qualification;

/**
 * The feed's outbox rule as SQL: a converted lead meeting its advertiser's criteria enters that
 * advertiser's feed once, inserted by the statement that stores its verifying call (same
 * transaction). The verifying call is the lead's earliest qualifying call of the batch; a lead
 * already in the feed keeps its entry (and its idempotency key).
 */
@Singleton
public class FeedAdmission implements InsertedCallsExtension {

    /** Columns the inserted calls' CTE must return for {@link #insertFrom(String)}. */
    public static final String CALL_COLUMNS = "call_key, call_id, to_number";

    @Override
    public String cteName() {
        return "feed";
    }

    @Override
    public String callColumns() {
        return CALL_COLUMNS;
    }

    @Override
    public String statementFrom(String insertedCalls) {
        return insertFrom(insertedCalls);
    }

    /** An INSERT into feed_lead from a CTE of just-inserted calls (alias-free name {@code calls}). */
    public static String insertFrom(String calls) {
        return "INSERT INTO feed_lead (advertiser_key, lead_key, call_key, call_id, campaign_key, agent_key, verified_at, "
                + "talk_seconds, attempt_no, phone) "
                + "SELECT advertiser_key, lead_key, call_key, call_id, campaign_key, agent_key, dial_time, "
                + "customer_call_duration_s, attempt_no, to_number FROM ("
                + "SELECT DISTINCT ON (c.advertiser_key, c.lead_key) c.* FROM " + calls + " c "
                + "JOIN advertiser a ON a.advertiser_key = c.advertiser_key "
                + "WHERE c.lead_status = 'Interested' AND " + Qualification.MEETS_CRITERIA + " "
                + "ORDER BY c.advertiser_key, c.lead_key, c.dial_time, c.call_key) v "
                + "ORDER BY dial_time, call_key "
                + "ON CONFLICT (advertiser_key, lead_key) DO NOTHING";
    }
}
