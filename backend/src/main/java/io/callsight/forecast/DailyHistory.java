package io.callsight.forecast;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Daily history of calls and conversions per scope (total, campaign, advertiser), read from the
 * rollups maintained by ingest (status_day_rollup, conversion_call), with days without calls as 0.
 */
final class DailyHistory {

    /** A series key: kind, scope and the scope's external id (null for the total). */
    record Key(SeriesKind kind, String scope, String scopeId) {
    }

    private DailyHistory() {
    }

    /** The newest dial time in the data, or null when there are no calls. */
    static OffsetDateTime asOf(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT max(dial_time) FROM call");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    /** Every series over [from, to] (inclusive) in the business time zone. */
    static Map<Key, double[]> load(Connection c, LocalDate from, LocalDate to, ZoneId zone) throws SQLException {
        int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        Map<Key, double[]> out = new LinkedHashMap<>();
        Map<Integer, String> campaigns = ids(c, "SELECT campaign_key, campaign_id FROM campaign");
        Map<Integer, String> advertisers = ids(c, "SELECT advertiser_key, advertiser_id FROM advertiser");
        String calls = "SELECT work_day, campaign_key, advertiser_key, sum(calls), "
                + "GROUPING(campaign_key, advertiser_key) FROM status_day_rollup "
                + "WHERE work_day BETWEEN ? AND ? GROUP BY GROUPING SETS ((work_day), (work_day, campaign_key), "
                + "(work_day, advertiser_key))";
        read(c, calls, SeriesKind.CALL_VOLUME, from, to, null, days, campaigns, advertisers, out);
        String conversions = "SELECT (dial_time AT TIME ZONE ?)::date, campaign_key, advertiser_key, "
                + "count(DISTINCT lead_key), GROUPING(campaign_key, advertiser_key) FROM conversion_call "
                + "WHERE dial_time >= ? AND dial_time < ? GROUP BY GROUPING SETS ((1), (1, campaign_key), "
                + "(1, advertiser_key))";
        read(c, conversions, SeriesKind.LEAD_CONVERSIONS, from, to, zone, days, campaigns, advertisers, out);
        // a scope with calls but no conversion yet still gets its (zero) conversion series
        for (Key k : List.copyOf(out.keySet())) {
            if (k.kind() == SeriesKind.CALL_VOLUME) {
                out.putIfAbsent(new Key(SeriesKind.LEAD_CONVERSIONS, k.scope(), k.scopeId()), new double[days]);
            }
        }
        return out;
    }

    private static void read(Connection c, String sql, SeriesKind kind, LocalDate from, LocalDate to, ZoneId zone,
            int days, Map<Integer, String> campaigns, Map<Integer, String> advertisers, Map<Key, double[]> out)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (zone == null) {
                ps.setObject(1, from);
                ps.setObject(2, to);
            } else {
                ps.setString(1, zone.getId());
                ps.setObject(2, from.atStartOfDay(zone).toOffsetDateTime());
                ps.setObject(3, to.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    Integer campaign = (Integer) rs.getObject(2);
                    Integer advertiser = (Integer) rs.getObject(3);
                    int grouping = rs.getInt(5); // bit 1: campaign rolled up, bit 0: advertiser rolled up
                    Key key;
                    if (grouping == 1) {
                        key = new Key(kind, "CAMPAIGN", campaigns.get(campaign));
                    } else if (grouping == 2) {
                        if (advertiser == null) {
                            continue; // calls without an advertiser have no advertiser series
                        }
                        key = new Key(kind, "ADVERTISER", advertisers.get(advertiser));
                    } else {
                        key = new Key(kind, "TOTAL", null);
                    }
                    int i = (int) (day.toEpochDay() - from.toEpochDay());
                    if (i >= 0 && i < days) {
                        out.computeIfAbsent(key, k -> new double[days])[i] += rs.getDouble(4);
                    }
                }
            }
        }
    }

    private static Map<Integer, String> ids(Connection c, String sql) throws SQLException {
        Map<Integer, String> m = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                m.put(rs.getInt(1), rs.getString(2));
            }
        }
        return m;
    }
}
