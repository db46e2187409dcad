package io.callsight.strategy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callsight.common.LeadLocation;

/**
 * Dials as the contact model sees them: each placed in the lead's local time ({@link LeadLocation#primaryZone()} of
 * the lead's ZIP and the dialled number), with its state, attempt, gap and age buckets and campaign. Shared by the
 * refresh (rows from the database) and the benches (generated calls), so both describe a dial the same way. Dials
 * of a lead with no known place are counted and left out (their local hour is unknown). Pure apart from the
 * resolver's lookups, which it caches by ZIP and number prefix.
 */
public final class DialHistory {

    /** Main factors, in the order of a cell's levels. */
    public static final int HOUR = 0;
    public static final int DOW = 1;
    public static final int ATTEMPT = 2;
    public static final int GAP = 3;
    public static final int AGE = 4;
    public static final int CAMPAIGN = 5;
    public static final int STATE = 6;
    /** The interaction: the hour effect of each state around the floor's hour curve. */
    public static final int HOUR_STATE = 7;

    public static final List<String> FACTOR_NAMES = List.of("hour", "dow", "attempt", "gap", "age", "campaign", "state",
            "hour_state");

    static final int MAX_CAMPAIGNS = 1 << 16;
    static final int MAX_STATES = 1 << 10;
    public static final String UNKNOWN_STATE = "??";

    private final Observations observations = new Observations(DialFeatures.HOURS, DialFeatures.WEEKDAYS,
            DialFeatures.ATTEMPTS, DialFeatures.GAPS, DialFeatures.AGES, MAX_CAMPAIGNS, MAX_STATES);
    private final Map<String, Integer> campaignIndex = new HashMap<>();
    private final List<String> campaigns = new ArrayList<>();
    private final Map<String, Integer> stateIndex = new HashMap<>();
    private final List<String> states = new ArrayList<>();
    private long unlocated;

    /** A lead's place: its model zone and state (null zone: unknown). */
    public record Place(ZoneId zone, String state) {
    }

    /** The place of a lead by ZIP and phone number ({@link LeadLocation#cached}: the primary zone and first state). */
    public static Place place(String zip, String number) {
        String n = number == null || number.isBlank() ? null : number.strip();
        LeadLocation loc = LeadLocation.cached(zip, n);
        Optional<ZoneId> zone = loc.primaryZone();
        return new Place(zone.orElse(null), loc.states().isEmpty() ? UNKNOWN_STATE : loc.states().get(0));
    }

    /**
     * Adds one dial. {@code gapSeconds}: since the lead's previous dial (null: none, or none in the history read);
     * {@code ageSeconds}: since the lead was created (null: unknown). Returns false when the lead has no known place.
     */
    public boolean add(String campaign, String zip, String number, long dialEpochSecond, int attemptNo, Long gapSeconds,
            Long ageSeconds, boolean connected, boolean converted, double agentSeconds) {
        Place place = place(zip, number);
        if (place.zone() == null) {
            unlocated++;
            return false;
        }
        ZonedDateTime local = Instant.ofEpochSecond(dialEpochSecond).atZone(place.zone());
        if (gapSeconds == null && attemptNo > 1) {
            gapSeconds = Long.MAX_VALUE; // an earlier dial outside the history read: long ago
        }
        int[] levels = { local.getHour(), local.getDayOfWeek().getValue() - 1, DialFeatures.attemptLevel(attemptNo),
            DialFeatures.gapBucket(gapSeconds), DialFeatures.ageBucket(ageSeconds), campaign(campaign),
            state(place.state()) };
        observations.add(levels, dialEpochSecond, connected, converted, agentSeconds);
        return true;
    }

    public int campaign(String id) {
        return index(id, campaignIndex, campaigns, MAX_CAMPAIGNS);
    }

    public int state(String code) {
        return index(code, stateIndex, states, MAX_STATES);
    }

    private static int index(String id, Map<String, Integer> index, List<String> list, int max) {
        Integer i = index.get(id);
        if (i == null) {
            if (list.size() >= max) {
                throw new IllegalStateException("more than " + max + " distinct values");
            }
            i = list.size();
            index.put(id, i);
            list.add(id);
        }
        return i;
    }

    public Observations observations() {
        return observations;
    }

    public List<String> campaigns() {
        return List.copyOf(campaigns);
    }

    public List<String> states() {
        return List.copyOf(states);
    }

    public long unlocated() {
        return unlocated;
    }

    /** The model's factors for the campaigns and states seen. */
    public ContactModel.Spec spec() {
        return spec(campaigns.size(), states.size());
    }

    public static ContactModel.Spec spec(int campaigns, int states) {
        return new ContactModel.Spec(List.of(ContactModel.Factor.of("hour", DialFeatures.HOURS),
                ContactModel.Factor.of("dow", DialFeatures.WEEKDAYS),
                ContactModel.Factor.of("attempt", DialFeatures.ATTEMPTS), ContactModel.Factor.of("gap", DialFeatures.GAPS),
                ContactModel.Factor.of("age", DialFeatures.AGES), ContactModel.Factor.of("campaign", Math.max(1, campaigns)),
                ContactModel.Factor.of("state", Math.max(1, states)))).cross("hour_state", HOUR, STATE);
    }
}
