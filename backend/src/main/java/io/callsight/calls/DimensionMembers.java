package io.callsight.calls;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The advertisers, campaigns and agents named by a batch's accepted rows, gathered while the rows
 * stream by, so the dimensions are upserted from a few small arrays instead of scans of the whole
 * staging table. Past {@link #LIMIT} members of a kind it gives up and the SQL scan path is used.
 */
final class DimensionMembers {

    static final int LIMIT = 50_000;

    /** advertiser id -> name (may be null). */
    final Map<String, String> advertisers = new LinkedHashMap<>();
    /** campaign id -> {name, advertiser id}. */
    final Map<String, String[]> campaigns = new LinkedHashMap<>();
    /** agent id -> {name, team}. */
    final Map<String, String[]> agents = new LinkedHashMap<>();
    boolean overflow;

    void add(String advertiserId, String advertiserName, String campaignId, String campaignName, String agentId,
            String agentName, String agentTeam) {
        if (overflow) {
            return;
        }
        if (advertiserId != null) {
            advertisers.merge(advertiserId, advertiserName == null ? "" : advertiserName,
                    (a, b) -> b.compareTo(a) > 0 ? b : a); // max(name), as the SQL path
        }
        campaigns.merge(campaignId, new String[] {campaignName, advertiserId}, (a, b) -> new String[] {
                max(a[0], b[0]), max(a[1], b[1])});
        if (agentId != null) {
            agents.merge(agentId, new String[] {agentName, agentTeam}, (a, b) -> new String[] {max(a[0], b[0]),
                    max(a[1], b[1])});
        }
        overflow = advertisers.size() > LIMIT || campaigns.size() > LIMIT || agents.size() > LIMIT;
    }

    private static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.compareTo(a) > 0 ? b : a;
    }
}
