package io.callsight.calls;

/** The rule that makes a converted lead qualified, as SQL over a call (alias c) and its advertiser (alias a). */
public final class Qualification {

    private Qualification() {
    }

    /**
     * A converting call meets its advertiser's criteria; a criterion that is not set does not
     * constrain, and a lead whose creation time is unknown fails a maximum-age criterion.
     */
    public static final String MEETS_CRITERIA =
            "(a.min_customer_talk_s IS NULL OR c.customer_call_duration_s >= a.min_customer_talk_s) "
            + "AND (a.max_attempt_no IS NULL OR c.attempt_no <= a.max_attempt_no) "
            + "AND (a.max_lead_age_hours IS NULL OR (c.lead_created_at IS NOT NULL "
            + "AND c.dial_time - c.lead_created_at <= a.max_lead_age_hours * interval '1 hour'))";
}
