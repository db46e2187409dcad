package io.callsight.calls;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An advertiser, its lead qualification criteria (null = not constrained) and its feed settings. */
@Entity
@Table(name = "advertiser")
public class Advertiser extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "advertiser_key")
    public Integer key;

    @Column(name = "advertiser_id", nullable = false, unique = true)
    public String advertiserId;

    public String name;

    @Column(name = "min_customer_talk_s")
    public Double minCustomerTalkSeconds;

    @Column(name = "max_attempt_no")
    public Integer maxAttemptNo;

    @Column(name = "max_lead_age_hours")
    public Double maxLeadAgeHours;

    /** The advertiser's time zone (feed delivery hours, return windows). */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /** Days after delivery during which the advertiser may return a lead. */
    @Column(name = "return_window_days", nullable = false)
    public Integer returnWindowDays;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static Advertiser findByAdvertiserId(String advertiserId) {
        return find("advertiserId", advertiserId).firstResult();
    }
}
