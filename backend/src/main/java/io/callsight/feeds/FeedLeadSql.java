package io.callsight.feeds;

/**
 * SQL fragments over the feed outbox ({@code feed_lead}) for queries of other features that join it
 * into statements of their own (the reports' returns and the call list's number masking), so the
 * table and its columns are named only in this package.
 */
public final class FeedLeadSql {

    /** Column of {@link #verifyingCalls} set when the advertiser returned the lead (null otherwise). */
    public static final String RETURNED_AT = "returned_at";

    private FeedLeadSql() {
    }

    /**
     * A parenthesised relation (to be aliased by the caller) of the leads that entered a feed, one row
     * per verifying call, with the call's {@code dial_time, campaign_key, advertiser_key, agent_key}
     * and {@link #RETURNED_AT}. The feed row carries those call columns itself; with
     * {@code allCallColumns} the relation joins the call and has all its columns (for filters on
     * call or lead status).
     */
    public static String verifyingCalls(boolean allCallColumns) {
        return allCallColumns
                ? "(SELECT c0.*, fl.returned_at FROM feed_lead fl JOIN call c0 ON c0.call_key = fl.call_key)"
                : "(SELECT verified_at AS dial_time, campaign_key, advertiser_key, agent_key, returned_at "
                        + "FROM feed_lead)";
    }

    /**
     * A condition true when the lead {@code leadKey} (an SQL expression) entered the feed of the
     * advertiser bound to its one parameter.
     */
    public static String enteredFeedOf(String leadKey) {
        return "EXISTS (SELECT 1 FROM feed_lead fl WHERE fl.advertiser_key = ? AND fl.lead_key = " + leadKey
                + " AND NOT fl.held)";
    }
}
