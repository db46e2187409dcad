package io.callsight.strategy;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.callsight.common.Fixtures;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Known answers on planted calls in the real database: California leads (area code 213) answer best in the evening,
 * Texas leads (214) at midday, the connect rate falls with each attempt, a connected call converts 25% of the time.
 * The refitted model must find the hours and the attempt curve within stated tolerances and the attempt policy must
 * stop where the planted economics say. The data sits in 2044 (no other test's calls) and the model is fitted up to
 * its end.
 */
@QuarkusTest
class StrategyKnownAnswerTest extends DatabaseTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final double CONVERT = 0.25;
    static final LocalDate FIRST = LocalDate.of(2044, 1, 4);
    static final int DAYS = 70;
    static final int LEADS = 3000;

    /** Planted log-odds of a connect: state 0 = CA (peak 18:30 local), 1 = TX (peak 12:00), -0.45 per attempt. */
    static double planted(int state, int localHour, int attempt) {
        double peak = state == 0 ? 18.5 : 12;
        return 0.2 - 0.02 * (localHour - peak) * (localHour - peak) - 0.45 * (attempt - 1);
    }

    /** One planted dial, kept for the truths the test compares with. */
    record Dial(int state, int hour, int attempt, double pConnect) {
    }

    static final List<Dial> DIALS = new ArrayList<>();
    static OffsetDateTime end;
    static boolean loaded;

    @Inject
    ContactModelRefresh refresh;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void load() throws SQLException {
        if (loaded) {
            return;
        }
        SplittableRandom rng = new SplittableRandom(1744);
        DateTimeFormatter f = DateTimeFormatter.ISO_INSTANT;
        StringBuilder csv = new StringBuilder("Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
                + "Agent Call Duration,Attempt No,Lead Created At,Call Dial Time,To Number,Zip\n");
        int call = 0;
        Instant last = Instant.EPOCH;
        for (int lead = 0; lead < LEADS; lead++) {
            int state = lead % 2;
            ZoneId zone = state == 0 ? LA : CHICAGO;
            String number = (state == 0 ? "+1213" : "+1214") + (2_000_000 + rng.nextInt(7_000_000));
            LocalDate day = FIRST.plusDays(rng.nextInt(DAYS - 20));
            Instant created = day.atTime(7, 0).atZone(zone).toInstant();
            int attempts = lead % 10 == 0 ? 2 : 6; // one lead in ten is still in progress
            for (int attempt = 1; attempt <= attempts; attempt++) {
                int hour = 9 + rng.nextInt(12); // 09-20 local
                Instant dial = day.atTime(hour, rng.nextInt(60)).atZone(zone).toInstant();
                double p = ContactModel.sigmoid(planted(state, hour, attempt));
                boolean connected = rng.nextDouble() < p;
                boolean converted = connected && rng.nextDouble() < CONVERT;
                DIALS.add(new Dial(state, hour, attempt, p));
                csv.append("ska-").append(++call).append(",SKA-L").append(lead).append(",SKA-CMP,SKA-ADV,SKA-AG,")
                        .append(connected ? "Answered" : "No Answer").append(',')
                        .append(converted ? "Interested" : connected ? "Callback" : "Not Answered").append(',')
                        .append(connected ? 240 : 30).append(',').append(attempt).append(',').append(f.format(created))
                        .append(',').append(f.format(dial)).append(',').append(number).append(',').append('\n');
                last = dial.isAfter(last) ? dial : last;
                if (converted) {
                    break;
                }
                day = day.plusDays(1 + rng.nextInt(3));
            }
        }
        // a lead with a California number who lives in Dallas (ZIP 75201): the ZIP decides its local hour
        csv.append("ska-zip,SKA-ZIP,SKA-CMP,SKA-ADV,SKA-AG,No Answer,Not Answered,30,1,2044-02-01T13:00:00Z,"
                + "2044-02-01T16:00:00Z,+12135550101,75201\n");
        JsonPath r = Fixtures.ingestCsv(csv.toString());
        assertThat(r.getInt("rejected")).isZero();
        end = last.atOffset(ZoneOffset.UTC);
        long runId;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO forecast_run (trigger, horizon_days, status, error) "
                        + "VALUES ('MANUAL', 0, 'FAILED', 'contact model known-answer test: no forecast') RETURNING run_id");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            runId = rs.getLong(1);
        }
        assertThat(refresh.refresh(runId, end)).isEqualTo("COMPLETED");
        loaded = true;
    }

    /** The planted connect rate of the dials of a state at a local hour, averaged over their own attempts. */
    private static double plantedAt(int state, int hour) {
        double sum = 0;
        int n = 0;
        List<Integer> attempts = new ArrayList<>();
        for (Dial d : DIALS) {
            if (d.state() == state) {
                attempts.add(d.attempt());
            }
        }
        for (int a : attempts) {
            sum += ContactModel.sigmoid(planted(state, hour, a));
            n++;
        }
        return sum / n;
    }

    @Test
    void bestTimeToCallFindsThePlantedHoursOfEachState() {
        for (int state = 0; state < 2; state++) {
            JsonPath r = GraphQL.query("""
                    query($s: String) { bestTimeToCall(campaignId: "SKA-CMP", state: $s) {
                      hour rank expectedConnectsPerDial connectLo80 connectHi80 dials } }""",
                    Map.of("s", state == 0 ? "CA" : "TX"));
            List<Map<String, Object>> hours = r.getList("data.bestTimeToCall");
            assertThat(hours).hasSize(24);
            int best = (Integer) hours.get(0).get("hour");
            if (state == 0) {
                assertThat(best).as("CA best hour (planted peak 18:30)").isBetween(17, 20);
            } else {
                assertThat(best).as("TX best hour (planted peak 12:00)").isBetween(11, 13);
            }
            int covered = 0;
            for (Map<String, Object> h : hours) {
                int hour = (Integer) h.get("hour");
                if (hour < 9 || hour > 20) {
                    assertThat(((Number) h.get("dials")).longValue()).isZero();
                    continue;
                }
                double estimate = ((Number) h.get("expectedConnectsPerDial")).doubleValue();
                // tolerance 0.05: about 2.5 standard errors of a rate near 0.3 on ~900 dials
                assertThat(estimate).as("state %d hour %d", state, hour).isCloseTo(plantedAt(state, hour), within(0.05));
                double lo = ((Number) h.get("connectLo80")).doubleValue();
                double hi = ((Number) h.get("connectHi80")).doubleValue();
                assertThat(lo).isLessThanOrEqualTo(estimate);
                assertThat(hi).isGreaterThanOrEqualTo(estimate);
                if (plantedAt(state, hour) >= lo && plantedAt(state, hour) <= hi) {
                    covered++;
                }
            }
            // an 80% interval (conservative by construction) covers the planted rate in most of the 12 hours
            assertThat(covered).as("hours whose 80%% interval holds the planted rate, state %d", state)
                    .isGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void attemptPolicyStopsWhereThePlantedEconomicsSay() {
        // the planted expected conversions per dial of each attempt, over that attempt's own dials
        Map<Integer, double[]> byAttempt = new HashMap<>();
        for (Dial d : DIALS) {
            double[] a = byAttempt.computeIfAbsent(d.attempt(), k -> new double[2]);
            a[0] += d.pConnect() * CONVERT;
            a[1]++;
        }
        double[] planted = new double[7];
        for (int a = 1; a <= 6; a++) {
            planted[a] = byAttempt.get(a)[0] / byAttempt.get(a)[1];
        }
        // the threshold halfway between the planted third and fourth attempts: dialling pays up to the third
        double threshold = (planted[3] + planted[4]) / 2;
        assertThat(planted[3] - planted[4]).as("the planted attempts are apart").isGreaterThan(0.01);
        Integer plantedStop = null;
        for (int a = 1; a <= 6; a++) {
            if (plantedStop == null && planted[a] < threshold) {
                plantedStop = a - 1;
            }
        }
        assertThat(plantedStop).isEqualTo(3);
        JsonPath r = GraphQL.query("""
                query($t: Float) { attemptPolicy(campaignId: "SKA-CMP", minConversionsPerDial: $t) {
                    thresholdSource stopAfterAttempt savedDials savedAgentHours lostConversions keptConversions totalDials
                    attempts { attempt dials conversions expectedConnectsPerDial expectedConversionsPerDial withinPolicy } } }""",
                Map.of("t", threshold));
        assertThat(r.getString("data.attemptPolicy.thresholdSource")).isEqualTo("ARGUMENT");
        assertThat(r.getInt("data.attemptPolicy.stopAfterAttempt")).isEqualTo(plantedStop);
        List<Map<String, Object>> steps = r.getList("data.attemptPolicy.attempts");
        long later = 0;
        long lostConversions = 0;
        for (Map<String, Object> s : steps) {
            int a = (Integer) s.get("attempt");
            assertThat(((Number) s.get("expectedConnectsPerDial")).doubleValue()).as("attempt %d connect rate", a)
                    .isCloseTo(planted[a] / CONVERT, within(0.03));
            if (a > plantedStop) {
                later += ((Number) s.get("dials")).longValue();
                lostConversions += ((Number) s.get("conversions")).longValue();
                assertThat((Boolean) s.get("withinPolicy")).isFalse();
            }
        }
        assertThat(r.getLong("data.attemptPolicy.savedDials")).isEqualTo(later).isPositive();
        assertThat(r.getLong("data.attemptPolicy.lostConversions")).isEqualTo(lostConversions);
        assertThat(r.getLong("data.attemptPolicy.totalDials")).isEqualTo(DIALS.size() + 1); // and the Dallas lead
        // an agent-minute cost: a dial costs its agent minutes x cost; with a conversion worth 1000 and a minute 0.05,
        // attempt a pays while conversions per dial >= minutes per dial x 0.05 / 1000: every planted attempt pays
        JsonPath cost = GraphQL.query("""
                { attemptPolicy(campaignId: "SKA-CMP", agentMinuteCost: 0.05, conversionValue: 1000) {
                    stopAfterAttempt attempts { thresholdConversionsPerDial } } }""");
        assertThat(cost.getString("data.attemptPolicy.stopAfterAttempt")).isNull();
        assertThat(cost.getDouble("data.attemptPolicy.attempts[0].thresholdConversionsPerDial")).isLessThan(0.0002);
        JsonPath bad = GraphQL.failing("{ attemptPolicy(minConversionsPerDial: 0.1, agentMinuteCost: 1) { stopAfterAttempt } }", Map.of());
        assertThat(bad.getString("errors[0].extensions.code")).isEqualTo("BAD_INPUT");
        assertThat(bad.getString("errors[0].message")).contains("not both");
    }

    @Test
    void nextAttemptStopsConvertedLeadsAndTimesOpenOnesAtTheirBestLocalHours() {
        String converted = null;
        String open = null;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT l.lead_id, bool_or(c.lead_status = 'Interested'), "
                        + "count(*) FROM call c JOIN lead l ON l.lead_key = c.lead_key WHERE l.lead_id LIKE 'SKA-L%' "
                        + "GROUP BY l.lead_id ORDER BY l.lead_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next() && (converted == null || open == null)) {
                if (rs.getBoolean(2) && converted == null) {
                    converted = rs.getString(1);
                } else if (!rs.getBoolean(2) && rs.getInt(3) == 2 && open == null
                        && Integer.parseInt(rs.getString(1).substring(5)) % 10 == 0) {
                    open = rs.getString(1); // a California lead in progress (two dials)
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        JsonPath stop = GraphQL.query("query($l: String!) { nextAttempt(leadId: $l) { action stopReason reason } }",
                Map.of("l", converted));
        assertThat(stop.getString("data.nextAttempt.action")).isEqualTo("STOP");
        assertThat(stop.getString("data.nextAttempt.stopReason")).isEqualTo("CONVERTED");
        assertThat(open).isNotNull();
        JsonPath next = GraphQL.query("""
                query($l: String!) { nextAttempt(leadId: $l) { action attempt at localHour timeZone state
                    expectedConnectRate } }""", Map.of("l", open));
        assertThat(next.getString("data.nextAttempt.action")).isEqualTo("CALL");
        assertThat(next.getString("data.nextAttempt.timeZone")).isEqualTo("America/Los_Angeles");
        assertThat(next.getString("data.nextAttempt.state")).isEqualTo("CA");
        assertThat(next.getInt("data.nextAttempt.localHour")).as("CA leads answer in the evening").isBetween(15, 20);
        assertThat(next.getDouble("data.nextAttempt.expectedConnectRate")).isBetween(0.05, 0.7);
        JsonPath dallas = GraphQL.query("{ nextAttempt(leadId: \"SKA-ZIP\") { action timeZone state localHour } }");
        assertThat(dallas.getString("data.nextAttempt.timeZone")).as("the ZIP before the number").isEqualTo("America/Chicago");
        assertThat(dallas.getString("data.nextAttempt.state")).isEqualTo("TX");
        assertThat(dallas.getInt("data.nextAttempt.localHour")).as("Texas answers at midday").isBetween(10, 14);
        JsonPath missing = GraphQL.failing("{ nextAttempt(leadId: \"SKA-NO-SUCH-LEAD\") { action } }", Map.of());
        assertThat(missing.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
    }

    @Test
    void recommendationsKeepTheCallingRules() {
        // A Miami lead (Florida: 8 am to 8 pm, at most 3 calls in 24 h) dialled at 10:00, 12:00 and 14:00 EST on
        // Wednesday 2044-02-10, and a lead whose number is on the do-not-call list
        Fixtures.ingestCsv("Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,Attempt No,"
                + "Call Dial Time,To Number\n"
                + "ska-fl-1,SKA-FL,SKA-CMP,SKA-ADV,SKA-AG,No Answer,Not Answered,1,2044-02-10T15:00:00Z,+13055550101\n"
                + "ska-fl-2,SKA-FL,SKA-CMP,SKA-ADV,SKA-AG,No Answer,Not Answered,2,2044-02-10T17:00:00Z,+13055550101\n"
                + "ska-fl-3,SKA-FL,SKA-CMP,SKA-ADV,SKA-AG,No Answer,Not Answered,3,2044-02-10T19:00:00Z,+13055550101\n"
                + "ska-dnc-1,SKA-DNC,SKA-CMP,SKA-ADV,SKA-AG,No Answer,Not Answered,1,2044-02-10T19:00:00Z,+12135550177\n");
        JsonPath fl = GraphQL.query("""
                { nextAttempt(leadId: "SKA-FL") { action at localHour timeZone state reason } }""");
        assertThat(fl.getString("data.nextAttempt.action")).isEqualTo("CALL");
        assertThat(fl.getString("data.nextAttempt.state")).isEqualTo("FL");
        assertThat(fl.getString("data.nextAttempt.timeZone")).isEqualTo("America/New_York");
        // a fourth call within 24 h of the first would break FL-ATTEMPTS: not before 10:00 EST the next day
        assertThat(OffsetDateTime.parse(fl.getString("data.nextAttempt.at")).toInstant())
                .isAfterOrEqualTo(Instant.parse("2044-02-11T15:00:00Z"));
        assertThat(fl.getInt("data.nextAttempt.localHour")).as("Florida's 8 pm end").isBetween(8, 19);
        assertThat(fl.getString("data.nextAttempt.reason")).contains("calling rules permit");

        GraphQL.query("mutation { addDoNotCall(numbers: [\"+1 213 555 0177\"]) { added } }");
        JsonPath dnc = GraphQL.query("{ nextAttempt(leadId: \"SKA-DNC\") { action stopReason reason } }");
        assertThat(dnc.getString("data.nextAttempt.action")).isEqualTo("STOP");
        assertThat(dnc.getString("data.nextAttempt.stopReason")).isEqualTo("DO_NOT_CALL");
        GraphQL.query("mutation { removeDoNotCall(numbers: [\"+1 213 555 0177\"]) { removed } }");

        // bestTimeToCall: Florida's 20:00 hour is dialled in the history but forbidden there; federally it is allowed
        Map<Integer, Boolean> florida = new HashMap<>();
        List<Map<String, Object>> ranked = GraphQL.query("""
                { bestTimeToCall(campaignId: "SKA-CMP", state: "FL") { hour rank withinCallingHours expectedConnectsPerDial } }""")
                .getList("data.bestTimeToCall");
        int lastPermittedRank = 0;
        for (Map<String, Object> h : ranked) {
            florida.put((Integer) h.get("hour"), (Boolean) h.get("withinCallingHours"));
            if ((Boolean) h.get("withinCallingHours") && h.get("expectedConnectsPerDial") != null) {
                lastPermittedRank = Math.max(lastPermittedRank, (Integer) h.get("rank"));
            }
        }
        assertThat(florida).containsEntry(7, false).containsEntry(8, true).containsEntry(19, true).containsEntry(20, false);
        int rank20 = ranked.stream().filter(h -> (Integer) h.get("hour") == 20).map(h -> (Integer) h.get("rank"))
                .findFirst().orElseThrow();
        assertThat(rank20).as("a forbidden hour ranks after every permitted one with an estimate").isGreaterThan(lastPermittedRank);
        List<Map<String, Object>> federal = GraphQL.query("""
                { bestTimeToCall(campaignId: "SKA-CMP") { hour withinCallingHours } }""").getList("data.bestTimeToCall");
        assertThat(federal).filteredOn(h -> (Integer) h.get("hour") == 20)
                .extracting(h -> h.get("withinCallingHours")).containsExactly(true);
        // the heatmap per weekday: Texas permits 9 am on Monday, not before noon on Sunday, never 8 am
        Map<String, Boolean> texas = new HashMap<>();
        for (Map<String, Object> cell : GraphQL.query("""
                { bestTimeHeatmap(campaignId: "SKA-CMP", state: "TX") { hour weekday withinCallingHours } }""")
                .<Map<String, Object>>getList("data.bestTimeHeatmap")) {
            texas.put(cell.get("hour") + "@" + cell.get("weekday"), (Boolean) cell.get("withinCallingHours"));
        }
        assertThat(texas).containsEntry("9@1", true).containsEntry("10@7", false).containsEntry("12@7", true)
                .containsEntry("8@1", false).containsEntry("20@6", true).containsEntry("21@6", false);
    }

    @Test
    void theModelKeepsItsOutOfSampleValidation() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT v.outcome, v.test_weeks, v.test_dials, v.skill, "
                        + "(SELECT count(*) FROM contact_model_calibration b WHERE b.run_id = v.run_id AND b.outcome = "
                        + "v.outcome), (SELECT lift FROM contact_model_lift l WHERE l.run_id = v.run_id AND l.outcome = "
                        + "v.outcome AND l.share = 0.2) FROM contact_model_validation v WHERE v.run_id = (SELECT max(run_id) "
                        + "FROM contact_model_run WHERE status = 'COMPLETED') ORDER BY v.outcome");
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("CONNECT");
            assertThat(rs.getInt(2)).isEqualTo(4);
            assertThat(rs.getLong(3)).isPositive();
            assertThat(rs.getDouble(4)).as("Brier skill over the base rate: hours and attempts are real").isPositive();
            assertThat(rs.getInt(5)).isEqualTo(10);
            assertThat(rs.getDouble(6)).as("lift of the top 20%% over calling order").isGreaterThan(1.1);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("CONVERSION");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        String csv = given().when().get("/api/strategy/next-attempts.csv?campaignId=SKA-CMP").then().statusCode(200)
                .extract().asString();
        assertThat(csv).startsWith("\uFEFFlead_id,campaign_id,to_number,attempt,call_at");
    }
}
