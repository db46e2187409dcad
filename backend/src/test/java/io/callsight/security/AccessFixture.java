package io.callsight.security;

import static io.callsight.common.Auth.given;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.callsight.common.Auth;
import io.callsight.common.GraphQL;

/**
 * Two advertisers, A and B, each with a campaign, an agent and three leads called yesterday: lead 1
 * converted (it enters the advertiser's feed), lead 2 lost, lead 3 not reached. Users: an
 * ADVERTISER bound to A and an ANALYST. Loaded once per test JVM through the ingest API.
 */
final class AccessFixture {

    static final String PASSWORD = "matrix-password-1";
    static final String ADV_A = "MX-ADV-A";
    static final String ADV_B = "MX-ADV-B";
    /** Text that only B's data contains: none of it may reach advertiser A. */
    static final List<String> B_MARKERS = List.of("MX-ADV-B", "MX-CMP-B", "MX-LEAD-B", "mx-call-b", "MX-AG-B", "5559990");

    private static String advertiserToken;
    private static String analystToken;
    private static long seqA;
    private static long seqB;

    private AccessFixture() {
    }

    static synchronized void load() {
        if (advertiserToken != null) {
            return;
        }
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime day = LocalDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.HOURS);
        StringBuilder csv = new StringBuilder("Call ID,Lead ID,Campaign ID,Campaign Name,Advertiser ID,Agent ID,Agent Name,"
                + "Call Status,Lead Status,Agent Call Duration,Customer Call Duration,Attempt No,Lead Created At,"
                + "Call Dial Time,From Number,To Number\n");
        for (String x : new String[] { "A", "B" }) {
            String phone = x.equals("A") ? "+1555111000" : "+1555999000";
            String[][] rows = {
                { "1", "Answered", "Interested", "300", "240" },
                { "2", "Answered", "Not Interested", "120", "90" },
                { "3", "No Answer", "", "20", "0" } };
            for (String[] r : rows) {
                csv.append("mx-call-").append(x.toLowerCase()).append(r[0]).append(",MX-LEAD-").append(x).append(r[0])
                        .append(",MX-CMP-").append(x).append(",Matrix ").append(x).append(",MX-ADV-").append(x)
                        .append(",MX-AG-").append(x).append(",Agent ").append(x).append(',').append(r[1]).append(',')
                        .append(r[2]).append(',').append(r[3]).append(',').append(r[4]).append(",1,")
                        .append(day.minusHours(2).format(f)).append(',').append(day.plusMinutes(Integer.parseInt(r[0]))
                                .format(f)).append(",+15550000000,").append(phone).append(r[0]).append('\n');
            }
        }
        given().contentType("text/csv").body(csv.toString()).when().post("/api/ingest/calls").then().statusCode(200);
        createUser("matrix-adv-a", "ADVERTISER", ADV_A);
        createUser("matrix-analyst", "ANALYST", null);
        advertiserToken = Auth.token("matrix-adv-a", PASSWORD);
        analystToken = Auth.token("matrix-analyst", PASSWORD);
        seqA = seqOf(ADV_A);
        seqB = seqOf(ADV_B);
    }

    private static void createUser(String name, String role, String advertiser) {
        GraphQL.query("mutation($u: String!, $p: String!, $r: Role!, $a: String) { createUser(username: $u, "
                + "password: $p, role: $r, advertiserId: $a) { id } }",
                advertiser == null ? Map.of("u", name, "p", PASSWORD, "r", role)
                        : Map.of("u", name, "p", PASSWORD, "r", role, "a", advertiser));
    }

    private static long seqOf(String advertiser) {
        List<Object> seqs = GraphQL.query("query($a: String) { verifiedLeads(advertiserId: $a) { edges { node { seq } } } }",
                Map.of("a", advertiser)).getList("data.verifiedLeads.edges.node.seq");
        if (seqs.size() != 1) {
            throw new AssertionError(advertiser + " should have exactly one lead in its feed, has " + seqs);
        }
        return ((Number) seqs.get(0)).longValue();
    }

    static String advertiserToken() {
        return advertiserToken;
    }

    static String analystToken() {
        return analystToken;
    }

    static long seqA() {
        return seqA;
    }

    static long seqB() {
        return seqB;
    }
}
