package io.callsight.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.callsight.common.LeadLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.callsight.calls.CallField;
import io.callsight.calls.RawCall;
import io.callsight.calls.StatusNormalizer;

/** The demo generator without a database: determinism and the shape of every row. */
class DemoDataGeneratorTest {

    private static final LocalDate END = LocalDate.of(2026, 3, 1);
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final int TARGET = 20_000;
    private static final int DAYS = 30;

    private static List<RawCall> calls;

    @BeforeAll
    static void generate() {
        calls = drain(new DemoDataGenerator(42, TARGET, DAYS, END, UTC));
    }

    private static List<RawCall> drain(DemoDataGenerator g) {
        List<RawCall> out = new ArrayList<>();
        RawCall r;
        while ((r = g.next()) != null) {
            out.add(r);
        }
        return out;
    }

    private static long seconds(RawCall r, CallField f) {
        return Long.parseLong(r.get(f));
    }

    @Test
    void sameArgumentsGiveTheSameCalls() {
        List<RawCall> again = drain(new DemoDataGenerator(42, TARGET, DAYS, END, UTC));
        assertThat(again).hasSameSizeAs(calls);
        for (int i = 0; i < Math.min(5_000, calls.size()); i++) {
            assertThat(again.get(i).values()).as("record %d", i).containsExactly(calls.get(i).values());
        }
        assertThat(again.get(again.size() - 1).values()).containsExactly(calls.get(calls.size() - 1).values());
    }

    @Test
    void anotherSeedGivesOtherCalls() {
        List<RawCall> other = drain(new DemoDataGenerator(43, TARGET, DAYS, END, UTC));
        int same = 0;
        for (int i = 0; i < 1_000; i++) {
            if (other.get(i).get(CallField.DIAL_TIME).equals(calls.get(i).get(CallField.DIAL_TIME))
                    && other.get(i).get(CallField.LEAD_ID).equals(calls.get(i).get(CallField.LEAD_ID))) {
                same++;
            }
        }
        assertThat(same).isLessThan(50);
    }

    @Test
    void callCountIsCloseToTheTarget() {
        assertThat(calls.size()).isBetween((int) (TARGET * 0.9), (int) (TARGET * 1.1));
        int small = drain(new DemoDataGenerator(7, 2_000, 14, END, UTC)).size();
        assertThat(small).isBetween(1_800, 2_200);
    }

    @Test
    void agentTimeIsNeverShorterThanCustomerTime() {
        for (RawCall r : calls) {
            long agent = seconds(r, CallField.AGENT_CALL_DURATION);
            long customer = seconds(r, CallField.CUSTOMER_CALL_DURATION);
            assertThat(agent).as(r.raw()).isGreaterThanOrEqualTo(customer).isPositive();
            boolean answered = "answered".equals(r.get(CallField.CALL_STATUS).strip().toLowerCase());
            assertThat(customer > 0).as(r.raw()).isEqualTo(answered);
            assertThat(r.get(CallField.CONNECTED)).as(r.raw()).isEqualTo(answered ? "true" : "false");
        }
    }

    @Test
    void attemptsRunFromOneToSixInOrderPerLead() {
        Map<String, Integer> lastAttempt = new HashMap<>();
        for (RawCall r : calls) {
            int attempt = Integer.parseInt(r.get(CallField.ATTEMPT_NO));
            assertThat(attempt).isBetween(1, 6);
            Integer before = lastAttempt.put(r.get(CallField.LEAD_ID), attempt);
            if (before != null) {
                assertThat(attempt).as(r.raw()).isEqualTo(before + 1);
            }
        }
    }

    @Test
    void dialTimesStayInTheWindowAndInOrder() {
        Instant from = END.minusDays(DAYS - 1L).atStartOfDay(UTC).toInstant();
        Instant to = END.plusDays(1).atStartOfDay(UTC).toInstant();
        Instant previous = Instant.MIN;
        for (RawCall r : calls) {
            Instant dial = Instant.parse(r.get(CallField.DIAL_TIME));
            Instant created = Instant.parse(r.get(CallField.LEAD_CREATED_AT));
            Instant updated = Instant.parse(r.get(CallField.UPDATED_AT));
            int hour = dial.atZone(UTC).getHour();
            boolean ok = !dial.isBefore(from) && dial.isBefore(to) && !dial.isBefore(previous)
                    && hour >= 8 && hour < 20 // floor hours
                    && created.isBefore(dial)
                    && updated.equals(dial.plusSeconds(seconds(r, CallField.AGENT_CALL_DURATION)));
            if (!ok) {
                fail("out of the window, out of order, outside floor hours or with inconsistent times: %s %s",
                        r.raw(), List.of(r.values()));
            }
            previous = dial;
        }
    }

    @Test
    void leadsAreDialledWithinTheirOwnHoursAndEveryNumberPlacesItsLead() {
        Map<String, Integer> byState = new HashMap<>();
        Map<String, LeadLocation> byExchange = new HashMap<>(); // area code and exchange place a NANP number
        ZoneId central = ZoneId.of("America/Chicago");
        for (RawCall r : drain(new DemoDataGenerator(42, 8_000, 21, END, central, null, true))) {
            int floorHour = Instant.parse(r.get(CallField.DIAL_TIME)).atZone(central).getHour();
            assertThat(floorHour).as("floor hours of %s", r.raw()).isBetween(8, 21);
            LeadLocation where = byExchange.computeIfAbsent(r.get(CallField.TO_NUMBER).substring(0, 8),
                    k -> LeadLocation.resolve(null, r.get(CallField.TO_NUMBER)));
            assertThat(where.states()).as(r.get(CallField.TO_NUMBER)).hasSize(1);
            int local = Instant.parse(r.get(CallField.DIAL_TIME)).atZone(where.primaryZone().orElseThrow()).getHour();
            assertThat(local).as("local hour of %s", r.raw()).isBetween(8, 20);
            byState.merge(where.states().get(0), 1, Integer::sum);
        }
        assertThat(byState.keySet()).contains("CA", "TX", "NY", "FL");
        assertThat(byState.get("CA")).isGreaterThan(byState.get("NY"));
    }

    @Test
    void noCallAfterTheCutOff() {
        Instant cutOff = END.atTime(12, 0).atZone(UTC).toInstant();
        List<RawCall> today = drain(new DemoDataGenerator(42, 5_000, 10, END, UTC, cutOff));
        assertThat(today).isNotEmpty().allSatisfy(
                r -> assertThat(Instant.parse(r.get(CallField.DIAL_TIME))).isBefore(cutOff));
    }

    @Test
    void aLeadKeepsItsCampaignAdvertiserHouseholdAndNumber() {
        Map<String, String> identity = new HashMap<>();
        Set<String> callIds = new HashSet<>();
        Map<String, String> campaignAdvertiser = new HashMap<>();
        for (RawCall r : calls) {
            assertThat(callIds.add(r.get(CallField.CALL_ID))).as("unique call id").isTrue();
            String key = r.get(CallField.CAMPAIGN_ID) + "|" + r.get(CallField.ADVERTISER_ID) + "|"
                    + r.get(CallField.HID) + "|" + r.get(CallField.TO_NUMBER) + "|" + r.get(CallField.LEAD_CREATED_AT);
            String before = identity.putIfAbsent(r.get(CallField.LEAD_ID), key);
            assertThat(before == null || before.equals(key)).as(r.raw()).isTrue();
            String adv = campaignAdvertiser.putIfAbsent(r.get(CallField.CAMPAIGN_ID), r.get(CallField.ADVERTISER_ID));
            assertThat(adv == null || adv.equals(r.get(CallField.ADVERTISER_ID))).isTrue();
            assertThat(r.get(CallField.TO_NUMBER)).matches("\\+1[2-9]\\d{9}");
            assertThat(r.get(CallField.FROM_NUMBER)).matches("\\+1555\\d{7}");
            assertThat(r.get(CallField.AGENT_ID)).matches("AG-\\d\\d");
        }
        assertThat(campaignAdvertiser).hasSize(8);
        assertThat(Set.copyOf(campaignAdvertiser.values())).containsExactlyInAnyOrder("ADV-1", "ADV-2", "ADV-3");
        assertThat(calls.stream().map(r -> r.get(CallField.AGENT_ID)).distinct().count()).isEqualTo(25);
    }

    @Test
    void noCallAfterAFinalDisposition() {
        Set<String> finished = new HashSet<>();
        Set<String> finals = Set.of("interested", "not interested", "wrong number", "dnc", "do not call");
        for (RawCall r : calls) {
            String lead = r.get(CallField.LEAD_ID);
            assertThat(finished.contains(lead)).as("%s after its lead's final disposition", r.raw()).isFalse();
            String status = StatusNormalizer.key(r.get(CallField.LEAD_STATUS));
            if (finals.contains(status)) {
                finished.add(lead);
            }
        }
        assertThat(finished).isNotEmpty();
    }

    @Test
    void someRawStatusesUseExportSpellings() {
        long variants = calls.stream().map(r -> r.get(CallField.CALL_STATUS))
                .filter(s -> !Set.of("Answered", "No Answer", "Busy", "Voicemail", "Failed").contains(s)).count();
        assertThat(variants).isBetween((long) (calls.size() * 0.005), (long) (calls.size() * 0.05));
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThatThrownBy(() -> new DemoDataGenerator(1, 0, 10, END, UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetCalls");
        assertThatThrownBy(() -> new DemoDataGenerator(1, 10, 0, END, UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days");
    }
}
