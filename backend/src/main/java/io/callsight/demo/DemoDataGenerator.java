package io.callsight.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import io.callsight.calls.CallField;
import io.callsight.forecast.HolidayCalendar;
import io.callsight.calls.CallSource;
import io.callsight.calls.RawCall;

/**
 * A deterministic outbound verification floor: the same arguments always give the same calls, in
 * dial-time order, as a {@link CallSource} that loads through the ordinary ingest (COPY) path.
 *
 * <p>The model: leads arrive every day (weekly seasonality, a mild upward trend, a day-to-day
 * wobble, per-campaign trends) at web-form hours; each lead is dialled up to {@value #MAX_ATTEMPTS}
 * times within floor hours, first within minutes (or at the next opening), then hours and days
 * apart, until it reaches a final disposition (Interested, Not Interested, Wrong Number, DNC). Leads live
 * in thirteen US states (real area codes, so their state and time zone resolve; Texas's El Paso code is Mountain
 * time) and are dialled only between 08:00 and 20:59 of their own time. The answer probability falls with the
 * attempt number and varies with the lead's local hour by state (California answers in the evening, Texas at
 * midday, the others before work and early in the evening), the campaign and the agent, and rises for an agreed
 * callback. 25 agents on early and late shifts, five working
 * patterns and occasional absences, differ in contact rate, conversion and handle time. Talk times
 * are log-normal; the agent's time is ring + talk + wrap-up, so it is never shorter than the
 * customer's. A small share of raw statuses is spelled the way real dialer exports spell them, so
 * the ingest normalisation has something to do.
 *
 * <p>Leads start arriving {@value #WARM_UP_DAYS} days before the window so that its first days
 * already carry retries (calls before the window are simulated, not emitted). Calls after the end
 * of {@code endDate} (or after {@code notAfter}) are not made: those leads are still in progress.
 * The lead arrival rate is calibrated by a dry run so that the number of calls is close to
 * {@code targetCalls}. Call and lead ids carry a tag of the arguments ({@code DEMO-7K2Q-00000001},
 * {@code LD-7K2Q-0000001}): loading the same data twice adds nothing, and data generated with other
 * arguments never collides with it.
 */
public final class DemoDataGenerator implements CallSource {

    static final int MAX_ATTEMPTS = 6;
    static final int WARM_UP_DAYS = 14;

    /** Probability that attempt n (1-based, index n-1) is answered, before hour, campaign and agent factors. */
    static final double[] ANSWER_BY_ATTEMPT = {0.45, 0.33, 0.25, 0.19, 0.15, 0.12};

    /**
     * Where the leads live: state, share of leads, area codes (libphonenumber places each in that state and zone) and
     * the zone of each area code. Texas has one Mountain-time area code (El Paso, 915): a state split across zones.
     */
    record DemoState(String code, double share, int[] areaCodes, ZoneId[] zones, HourProfile profile) {
    }

    /** When a state's leads pick up, by their local hour. */
    enum HourProfile {
        /** After work: the evening is best (California). */
        EVENING(new double[] { 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, // 00-07
            0.72, 0.74, 0.74, 0.76, 0.8, 0.82, 0.86, 0.95, // 08-15
            1.12, 1.3, 1.45, 1.42, 1.3, 1.1, 0.9, 0.8 }),
        /** The lunch hour is best (Texas). */
        MIDDAY(new double[] { 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7,
            0.8, 0.9, 1.05, 1.25, 1.4, 1.3, 1.05, 0.9, // 08-15
            0.85, 0.82, 0.8, 0.78, 0.75, 0.72, 0.7, 0.7 }),
        /** Before work and the early evening (everyone else). */
        COMMUTE(new double[] { 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8,
            1.05, 1.0, 0.9, 0.84, 0.78, 0.8, 0.84, 0.9, // 08-15
            1.0, 1.12, 1.22, 1.18, 1.05, 0.95, 0.9, 0.85 });

        final double[] byLocalHour;

        HourProfile(double[] byLocalHour) {
            this.byLocalHour = byLocalHour;
        }
    }

    private static final ZoneId EASTERN = ZoneId.of("America/New_York");
    private static final ZoneId CENTRAL = ZoneId.of("America/Chicago");
    private static final ZoneId MOUNTAIN = ZoneId.of("America/Denver");
    private static final ZoneId ARIZONA = ZoneId.of("America/Phoenix");
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    static final List<DemoState> STATES = List.of(
            new DemoState("CA", 0.22, new int[] { 213, 310, 415, 619, 714, 818, 916 }, zones(7, PACIFIC),
                    HourProfile.EVENING),
            new DemoState("TX", 0.18, new int[] { 214, 512, 713, 210, 817, 915 },
                    new ZoneId[] { CENTRAL, CENTRAL, CENTRAL, CENTRAL, CENTRAL, MOUNTAIN }, HourProfile.MIDDAY),
            new DemoState("FL", 0.11, new int[] { 305, 407, 813, 904 }, zones(4, EASTERN), HourProfile.COMMUTE),
            new DemoState("NY", 0.10, new int[] { 212, 718, 516, 585 }, zones(4, EASTERN), HourProfile.COMMUTE),
            new DemoState("IL", 0.07, new int[] { 312, 773, 847 }, zones(3, CENTRAL), HourProfile.COMMUTE),
            new DemoState("PA", 0.06, new int[] { 215, 412, 717 }, zones(3, EASTERN), HourProfile.COMMUTE),
            new DemoState("OH", 0.05, new int[] { 216, 614, 513 }, zones(3, EASTERN), HourProfile.COMMUTE),
            new DemoState("GA", 0.05, new int[] { 404, 770 }, zones(2, EASTERN), HourProfile.COMMUTE),
            new DemoState("NC", 0.04, new int[] { 704, 919 }, zones(2, EASTERN), HourProfile.COMMUTE),
            new DemoState("AZ", 0.04, new int[] { 602, 480, 520 }, zones(3, ARIZONA), HourProfile.COMMUTE),
            new DemoState("CO", 0.03, new int[] { 303, 720 }, zones(2, MOUNTAIN), HourProfile.COMMUTE),
            new DemoState("MA", 0.03, new int[] { 617, 508 }, zones(2, EASTERN), HourProfile.COMMUTE),
            new DemoState("TN", 0.02, new int[] { 615, 901 }, zones(2, CENTRAL), HourProfile.COMMUTE));

    private static final double STATES_TOTAL = STATES.stream().mapToDouble(DemoState::share).sum();

    private static ZoneId[] zones(int n, ZoneId zone) {
        ZoneId[] z = new ZoneId[n];
        Arrays.fill(z, zone);
        return z;
    }

    /** A lead is dialled from 08:00 to 20:59 in its own time (the federal 8 am to 9 pm), within floor hours. */
    static final int FIRST_LOCAL_HOUR = 8;
    static final int LAST_LOCAL_HOUR = 20;

    /** Lead arrivals (form fills) by hour of day, relative. */
    private static final double[] ARRIVALS_BY_HOUR = {
        0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.0, 1.6, 2.0, 2.2, 2.3,
        2.3, 2.2, 2.1, 2.0, 2.0, 2.1, 2.3, 2.4, 2.2, 1.6, 1.0, 0.6};

    /** Lead arrivals by ISO day of week (index 1 = Monday .. 7 = Sunday), relative to a weekday. */
    private static final double[] ARRIVALS_BY_DAY = {0, 1.08, 1.04, 1.0, 0.98, 0.93, 0.55, 0.45};

    /**
     * Public holidays of the demo floor (US federal, as the default forecast calendar
     * {@code callsight.forecast.holidays.country=US}): the floor keeps Sunday hours and half the
     * leads arrive, so the demo history shows a holiday dip and its forecast one ahead.
     */
    static final HolidayCalendar HOLIDAYS = HolidayCalendar.of("US", null);
    /** Lead arrivals on a holiday relative to the same weekday otherwise. */
    static final double ARRIVALS_ON_HOLIDAY = 0.5;

    /** Floor opening and closing hours by ISO day of week. */
    private static final int[] OPEN_HOUR = {0, 8, 8, 8, 8, 8, 9, 10};
    private static final int[] CLOSE_HOUR = {0, 20, 20, 20, 20, 20, 17, 16};
    /** A floor that dials its leads in their own hours stays open later on weekdays, for the Pacific evening. */
    private static final int[] CLOSE_HOUR_LEAD_LOCAL = {0, 22, 22, 22, 22, 22, 17, 16};

    /** Relative growth of lead arrivals over the window (+20% from the first day to the last). */
    private static final double TREND_OVER_WINDOW = 0.20;

    /** Share of raw statuses written in an export's own spelling (normalised on ingest). */
    private static final double VARIANT_RATE = 0.015;

    private static final long HOUR_S = 3600;
    private static final long MINUTE_S = 60;

    // ---- the floor: advertisers, campaigns, agents -------------------------------------------

    record DemoAdvertiser(String id, String name) {
    }

    /**
     * @param volumeShare share of lead arrivals; @param trendOverWindow the campaign's own growth over
     * the window; contact, conversion and talk factors relative to the floor's average
     */
    record DemoCampaign(String id, String name, int advertiser, double volumeShare, double trendOverWindow,
            double contactFactor, double conversionFactor, double talkFactor) {
    }

    /**
     * @param earlyShift 08-16 when true, else 12-20; @param workDays bit (1 << isoDayOfWeek) per
     * working day; skills are multipliers around 1
     */
    record DemoAgent(String id, String name, String team, boolean earlyShift, int workDays, double contactSkill,
            double conversionSkill, double handleTimeSkill) {

        boolean works(int isoDow) {
            return (workDays & (1 << isoDow)) != 0;
        }

        boolean onShift(int hour) {
            return earlyShift ? hour >= 8 && hour < 16 : hour >= 12 && hour < 20;
        }
    }

    static final List<DemoAdvertiser> ADVERTISERS = List.of(
            new DemoAdvertiser("ADV-1", "Northwind Insurance"),
            new DemoAdvertiser("ADV-2", "Brightpath Solar"),
            new DemoAdvertiser("ADV-3", "Meridian Health Plans"));

    static final List<DemoCampaign> CAMPAIGNS = List.of(
            new DemoCampaign("CMP-01", "Auto Insurance Quotes", 0, 0.22, 0.05, 1.00, 1.00, 1.00),
            new DemoCampaign("CMP-02", "Home Insurance Quotes", 0, 0.12, 0.00, 1.05, 0.90, 1.10),
            new DemoCampaign("CMP-03", "Life Insurance Leads", 0, 0.08, -0.25, 0.90, 0.65, 1.25),
            new DemoCampaign("CMP-04", "Solar Savings Check", 1, 0.15, 0.40, 0.92, 0.75, 1.15),
            new DemoCampaign("CMP-05", "Home Energy Audit", 1, 0.07, 0.00, 1.00, 1.20, 0.95),
            new DemoCampaign("CMP-06", "Medicare Advantage Review", 2, 0.18, 0.10, 1.10, 1.15, 1.20),
            new DemoCampaign("CMP-07", "ACA Marketplace Plans", 2, 0.11, -0.10, 0.95, 0.95, 1.05),
            new DemoCampaign("CMP-08", "Dental & Vision Offers", 2, 0.07, 0.20, 1.00, 1.35, 0.85));

    private static final String[] AGENT_NAMES = {
        "Maria Garcia", "James Wilson", "Aisha Khan", "Daniel Kim", "Sofia Rossi", "Michael Brown", "Priya Patel",
        "Lucas Silva", "Emma Johnson", "Omar Haddad", "Chloe Martin", "Ethan Nguyen", "Grace Okafor", "Noah Fischer",
        "Hannah Lee", "Mateo Lopez", "Olivia Smith", "Ryan O'Connor", "Zara Ahmed", "Samuel Cohen", "Isabella Costa",
        "Jonas Berg", "Leila Nasser", "Tyler Reed", "Yuki Tanaka"};

    private static final String[] TEAMS = {"Team North", "Team South", "Team East"};

    /** Working patterns as bit sets of ISO days of week, and how many agents follow each. */
    private static final int MON_FRI = days(1, 2, 3, 4, 5);
    private static final int TUE_SAT = days(2, 3, 4, 5, 6);
    private static final int SUN_THU = days(7, 1, 2, 3, 4);
    private static final int SAT_WED = days(6, 7, 1, 2, 3);
    private static final int THU_MON = days(4, 5, 6, 7, 1);
    private static final int[] PATTERN_OF_AGENT = {
        MON_FRI, MON_FRI, TUE_SAT, MON_FRI, SUN_THU, MON_FRI, TUE_SAT, SAT_WED, MON_FRI, SUN_THU, MON_FRI, THU_MON,
        MON_FRI, TUE_SAT, MON_FRI, SAT_WED, SUN_THU, MON_FRI, TUE_SAT, MON_FRI, THU_MON, SUN_THU, MON_FRI, SAT_WED,
        MON_FRI};

    private static final double ABSENCE_RATE = 0.04;

    private static int days(int... isoDows) {
        int mask = 0;
        for (int d : isoDows) {
            mask |= 1 << d;
        }
        return mask;
    }

    // ---- lead and call outcomes -------------------------------------------------------------

    enum CallStatus {
        ANSWERED("Answered", "ANSWERED", " answered", "answered "),
        NO_ANSWER("No Answer", "NO_ANSWER", " no answer", "No-Answer", "no answer"),
        BUSY("Busy", "BUSY", "busy "),
        VOICEMAIL("Voicemail", "VOICEMAIL", "voice mail"),
        FAILED("Failed", "FAILED", "failed");

        final String canonical;
        final String[] variants;

        CallStatus(String canonical, String... variants) {
            this.canonical = canonical;
            this.variants = variants;
        }
    }

    enum LeadStatus {
        INTERESTED("Interested", true, "INTERESTED", " interested"),
        NOT_INTERESTED("Not Interested", true, "NOT_INTERESTED", "not interested"),
        CALLBACK("Callback", false, "call back", "CALLBACK"),
        WRONG_NUMBER("Wrong Number", true, "WRONG_NUMBER", "wrong number"),
        DNC("DNC", true, "do not call", "dnc"),
        NOT_ANSWERED("Not Answered", false, "NOT_ANSWERED", "no answer"),
        BUSY("Busy", false, "BUSY"),
        VOICEMAIL("Voicemail", false, "voice mail");

        final String canonical;
        final boolean fin;
        final String[] variants;

        LeadStatus(String canonical, boolean fin, String... variants) {
            this.canonical = canonical;
            this.fin = fin;
            this.variants = variants;
        }
    }

    /** Median customer talk seconds by disposition (verification of an interested lead takes longest). */
    private static double talkMedianSeconds(LeadStatus s) {
        return switch (s) {
            case INTERESTED -> 330;
            case NOT_INTERESTED -> 125;
            case CALLBACK -> 95;
            case WRONG_NUMBER -> 30;
            case DNC -> 35;
            default -> 0;
        };
    }

    // ---- state ------------------------------------------------------------------------------

    private final long seed;
    private final int targetCalls;
    private final int days;
    private final LocalDate endDate;
    private final ZoneId floorZone;
    private final long notAfterEpoch;
    private final boolean leadLocalHours;
    private final List<DemoAgent> agents;
    private final Floor floor;
    private final double leadsPerWeekday;
    private final Simulation simulation;
    /** Part of every call and lead id: the same arguments give the same ids, other arguments other ids. */
    private final String idTag;

    /** The demo floor over {@code days} days up to and including {@code endDate} in {@code floorZone}. */
    public DemoDataGenerator(long seed, int targetCalls, int days, LocalDate endDate, ZoneId floorZone) {
        this(seed, targetCalls, days, endDate, floorZone, null);
    }

    /**
     * As {@link #DemoDataGenerator(long, int, int, LocalDate, ZoneId)}, making no call after
     * {@code notAfter} (null: none after the end of {@code endDate}), so that "today" holds no
     * calls from the future.
     */
    public DemoDataGenerator(long seed, int targetCalls, int days, LocalDate endDate, ZoneId floorZone,
            Instant notAfter) {
        this(seed, targetCalls, days, endDate, floorZone, notAfter, false);
    }

    /**
     * As {@link #DemoDataGenerator(long, int, int, LocalDate, ZoneId, Instant)}; with {@code leadLocalHours} a lead
     * is dialled only between {@value #FIRST_LOCAL_HOUR}:00 and {@value #LAST_LOCAL_HOUR}:59 of its own time (a US
     * floor: use a US floor zone) and the floor stays open to 22:00 on weekdays.
     */
    public DemoDataGenerator(long seed, int targetCalls, int days, LocalDate endDate, ZoneId floorZone,
            Instant notAfter, boolean leadLocalHours) {
        this.leadLocalHours = leadLocalHours;
        if (targetCalls < 1) {
            throw new IllegalArgumentException("targetCalls must be 1 or more, was " + targetCalls);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be 1 or more, was " + days);
        }
        this.seed = seed;
        this.targetCalls = targetCalls;
        this.days = days;
        this.endDate = Objects.requireNonNull(endDate, "endDate");
        this.floorZone = Objects.requireNonNull(floorZone, "floorZone");
        long windowEnd = endDate.plusDays(1).atStartOfDay(floorZone).toEpochSecond();
        this.notAfterEpoch = notAfter == null ? windowEnd : Math.min(windowEnd, notAfter.getEpochSecond());
        this.idTag = tag(describe());
        this.agents = roster(new SplittableRandom(seed ^ 0x5DEECE66DL));
        this.floor = new Floor(new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL));
        // Calibrate: calls scale linearly with the arrival rate, so one dry run (of 50,000 to 500,000
        // calls: enough to keep its noise small, few enough to stay cheap) fixes the rate for the target.
        int calibrationCalls = Math.min(Math.max(targetCalls, 50_000), 500_000);
        double guess = calibrationCalls / (days * 3.2);
        Simulation dry = new Simulation(guess);
        long dryCalls = 0;
        while (dry.step()) {
            dryCalls++;
        }
        this.leadsPerWeekday = dryCalls == 0 ? guess : guess * targetCalls / dryCalls;
        this.simulation = new Simulation(leadsPerWeekday);
    }

    public LocalDate startDate() {
        return endDate.minusDays(days - 1L);
    }

    public LocalDate endDate() {
        return endDate;
    }

    public ZoneId floorZone() {
        return floorZone;
    }

    public int targetCalls() {
        return targetCalls;
    }

    /** A stable description of the arguments (for the batch checksum and the app state). */
    public String describe() {
        return "demo-generator v2" + (leadLocalHours ? " lead-local" : "") + " seed=" + seed + " calls=" + targetCalls + " days=" + days + " end=" + endDate
                + " zone=" + floorZone.getId() + " notAfter=" + Instant.ofEpochSecond(notAfterEpoch);
    }

    /** Calls emitted so far. */
    public int emittedCalls() {
        return simulation.emitted;
    }

    /** Leads with at least one emitted call so far. */
    public int emittedLeads() {
        return simulation.emittedLeads;
    }

    @Override
    public RawCall next() {
        if (!simulation.step()) {
            return null;
        }
        return simulation.record();
    }

    // ---- the roster ---------------------------------------------------------------------------

    /** Skills are spread evenly (shuffled quantiles), so the floor always has clear best and worst agents. */
    private static List<DemoAgent> roster(SplittableRandom rng) {
        int n = AGENT_NAMES.length;
        double[] contact = shuffledQuantiles(n, rng);
        double[] conversion = shuffledQuantiles(n, rng);
        double[] handle = shuffledQuantiles(n, rng);
        List<DemoAgent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = String.format("AG-%02d", i + 1);
            out.add(new DemoAgent(id, AGENT_NAMES[i], TEAMS[i % TEAMS.length], i % 2 == 0, PATTERN_OF_AGENT[i],
                    0.85 + 0.30 * contact[i],
                    0.55 * Math.pow(1.65 / 0.55, conversion[i]),
                    0.80 + 0.50 * handle[i]));
        }
        return List.copyOf(out);
    }

    private static double[] shuffledQuantiles(int n, SplittableRandom rng) {
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = n == 1 ? 0.5 : (double) i / (n - 1);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = q[i];
            q[i] = q[j];
            q[j] = t;
        }
        return q;
    }

    // ---- the calendar: days, floor hours, who is on shift ----------------------------------------

    /** Day index 0 is the first warm-up day; the last day is the day after endDate (for rescheduling). */
    private final class Floor {
        final int count;
        final int firstWindowDay;
        final int lastArrivalDay;
        final long[] dayStart;
        final long[] open;
        final long[] close;
        final int[] openHour;
        final int[] dow;
        final boolean[] holiday;
        /** Agents (indexes into the roster) on shift by day and hour. */
        final int[][][] onShift;
        final double maxSpeed;

        Floor(SplittableRandom rng) {
            LocalDate first = startDate().minusDays(WARM_UP_DAYS);
            firstWindowDay = WARM_UP_DAYS;
            lastArrivalDay = WARM_UP_DAYS + days - 1;
            count = lastArrivalDay + 2;
            dayStart = new long[count + 1];
            open = new long[count];
            close = new long[count];
            openHour = new int[count];
            dow = new int[count];
            holiday = new boolean[count];
            var holidays = HOLIDAYS.holidays(first, first.plusDays(count));
            onShift = new int[count][24][];
            double fastest = 0;
            for (DemoAgent a : agents) {
                fastest = Math.max(fastest, 1 / a.handleTimeSkill());
            }
            maxSpeed = fastest;
            for (int i = 0; i <= count; i++) {
                LocalDate date = first.plusDays(i);
                dayStart[i] = date.atStartOfDay(floorZone).toEpochSecond();
                if (i == count) {
                    break;
                }
                int d = date.getDayOfWeek().getValue();
                dow[i] = d;
                holiday[i] = holidays.contains(date);
                int hours = holiday[i] ? 7 : d; // a holiday keeps Sunday hours
                openHour[i] = OPEN_HOUR[hours];
                open[i] = date.atTime(OPEN_HOUR[hours], 0).atZone(floorZone).toEpochSecond();
                close[i] = date.atTime((leadLocalHours ? CLOSE_HOUR_LEAD_LOCAL : CLOSE_HOUR)[hours], 0)
                        .atZone(floorZone).toEpochSecond();
                boolean[] present = new boolean[agents.size()];
                for (int a = 0; a < agents.size(); a++) {
                    present[a] = agents.get(a).works(d) && rng.nextDouble() >= ABSENCE_RATE;
                }
                for (int h = 0; h < 24; h++) {
                    onShift[i][h] = shift(present, h, d);
                }
            }
        }

        private int[] shift(boolean[] present, int hour, int isoDow) {
            List<Integer> chosen = new ArrayList<>();
            for (int a = 0; a < agents.size(); a++) {
                if (present[a] && agents.get(a).onShift(hour)) {
                    chosen.add(a);
                }
            }
            if (chosen.isEmpty()) { // nobody's shift covers the hour: whoever came in that day
                for (int a = 0; a < agents.size(); a++) {
                    if (present[a]) {
                        chosen.add(a);
                    }
                }
            }
            if (chosen.isEmpty()) { // everyone rostered that day is off: the working pattern decides
                for (int a = 0; a < agents.size(); a++) {
                    if (agents.get(a).works(isoDow)) {
                        chosen.add(a);
                    }
                }
            }
            if (chosen.isEmpty()) {
                for (int a = 0; a < agents.size(); a++) {
                    chosen.add(a);
                }
            }
            return chosen.stream().mapToInt(Integer::intValue).toArray();
        }

        int dayOf(long t) {
            int i = (int) Math.floorDiv(t - dayStart[0], 86_400L);
            i = Math.max(0, Math.min(i, count - 1));
            while (i + 1 < count && dayStart[i + 1] <= t) {
                i++;
            }
            while (i > 0 && dayStart[i] > t) {
                i--;
            }
            return i;
        }

        /** Hour of day on the floor's clock for a time within the day's floor hours. */
        int hourOf(long t, int day) {
            return Math.min(23, openHour[day] + (int) ((t - open[day]) / HOUR_S));
        }

        /**
         * The first moment at or after {@code t} when the floor dials: t itself within floor hours.
         * Otherwise a new lead waits in the backlog that the floor works through in the first hours
         * after the next opening, and a retry is picked at any time of the next floor day (Sundays
         * only when {@code sundayAllowed}). Long.MAX_VALUE beyond the calendar.
         */
        long dialable(long t, boolean newLead, boolean sundayAllowed, SplittableRandom rng) {
            int day = t < dayStart[0] ? 0 : dayOf(t);
            boolean first = true;
            for (; day < count; day++, first = false) {
                if (dow[day] == 7 && !sundayAllowed) {
                    continue;
                }
                long lastDial = close[day] - 5 * MINUTE_S;
                if (first && t >= lastDial) {
                    continue;
                }
                if (first && t >= open[day]) {
                    return t;
                }
                long floorDay = lastDial - open[day];
                if (newLead) {
                    long backlog = Math.min(210 * MINUTE_S, floorDay);
                    return open[day] + (long) (backlog * (1 - Math.sqrt(rng.nextDouble())));
                }
                return open[day] + (long) (floorDay * rng.nextDouble());
            }
            return Long.MAX_VALUE;
        }
    }

    // ---- the simulation -----------------------------------------------------------------------

    private static final class Lead {
        int seq;
        int campaign;
        long createdAt;
        long next;
        int attempts;
        boolean callbackDue;
        boolean reached;
        boolean emitted;
        long hid;
        long phone;
        int state;
        int areaCode;
    }

    private final class Simulation {
        final SplittableRandom rng = new SplittableRandom(seed);
        /** The day-to-day wobble has its own stream, so the calibration run sees the same days. */
        final SplittableRandom dayRng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        final double leadsPerWeekday;
        final PriorityQueue<Lead> queue = new PriorityQueue<>(
                (a, b) -> a.next != b.next ? Long.compare(a.next, b.next) : Integer.compare(a.seq, b.seq));
        final long windowStart = floor.dayStart[floor.firstWindowDay];
        final long[] recentHids = new long[512];
        final long[] recentPhones = new long[512];
        final int[] recentStates = new int[512];
        final int[] recentAreaCodes = new int[512];
        int recentCount;
        int nextArrivalDay;
        int leadSeq;
        int emitted;
        int emittedLeads;

        // the current call
        Lead lead;
        DemoAgent agent;
        long dialTime;
        int attempt;
        CallStatus callStatus;
        LeadStatus leadStatus;
        long agentSeconds;
        long customerSeconds;
        boolean callStatusVariant;
        boolean leadStatusVariant;
        int variantPick;

        Simulation(double leadsPerWeekday) {
            this.leadsPerWeekday = leadsPerWeekday;
        }

        /** Advances to the next call inside the window; false at the end. */
        boolean step() {
            while (true) {
                while (nextArrivalDay <= floor.lastArrivalDay
                        && (queue.isEmpty() || queue.peek().next >= floor.dayStart[nextArrivalDay])) {
                    arrive(nextArrivalDay++);
                }
                Lead l = queue.poll();
                if (l == null) {
                    return false;
                }
                if (l.next >= notAfterEpoch) {
                    continue; // in progress beyond today
                }
                dial(l);
                boolean inWindow = dialTime >= windowStart;
                scheduleNext(l);
                if (inWindow) {
                    emitted++;
                    if (!l.emitted) {
                        l.emitted = true;
                        emittedLeads++;
                    }
                    return true;
                }
            }
        }

        private void arrive(int day) {
            double sinceStart = (double) (day - floor.firstWindowDay) / days;
            double expected = leadsPerWeekday * ARRIVALS_BY_DAY[floor.dow[day]]
                    * (floor.holiday[day] ? ARRIVALS_ON_HOLIDAY : 1)
                    * (1 + TREND_OVER_WINDOW * sinceStart) * Math.exp(0.07 * dayRng.nextGaussian() - 0.00245);
            int n = (int) expected;
            if (dayRng.nextDouble() < expected - n) {
                n++;
            }
            long[] created = new long[n];
            for (int k = 0; k < n; k++) {
                int hour = pick(ARRIVALS_BY_HOUR, ARRIVALS_TOTAL);
                created[k] = floor.dayStart[day] + hour * HOUR_S + rng.nextLong(HOUR_S);
            }
            Arrays.sort(created);
            double[] campaignWeights = new double[CAMPAIGNS.size()];
            double total = 0;
            for (int c = 0; c < campaignWeights.length; c++) {
                DemoCampaign cp = CAMPAIGNS.get(c);
                campaignWeights[c] = cp.volumeShare() * Math.max(0.1, 1 + cp.trendOverWindow() * (sinceStart - 0.5));
                total += campaignWeights[c];
            }
            for (int k = 0; k < n; k++) {
                Lead l = new Lead();
                l.seq = ++leadSeq;
                l.campaign = pick(campaignWeights, total);
                l.createdAt = created[k];
                if (recentCount > 0 && rng.nextDouble() < 0.04) { // another lead from the same household
                    int r = rng.nextInt(Math.min(recentCount, recentHids.length));
                    l.hid = recentHids[r];
                    l.phone = recentPhones[r];
                    l.state = recentStates[r];
                    l.areaCode = recentAreaCodes[r];
                } else {
                    l.hid = rng.nextLong(1L << 40);
                    l.phone = 2_000_000 + rng.nextLong(7_000_000);
                    l.state = pickState();
                    l.areaCode = rng.nextInt(STATES.get(l.state).areaCodes().length);
                }
                recentHids[recentCount % recentHids.length] = l.hid;
                recentPhones[recentCount % recentPhones.length] = l.phone;
                recentStates[recentCount % recentStates.length] = l.state;
                recentAreaCodes[recentCount % recentAreaCodes.length] = l.areaCode;
                recentCount++;
                // Speed to lead: minutes when the floor is open, else the next opening's backlog.
                long delay = Math.min(4 * HOUR_S, (long) (10 * MINUTE_S * Math.exp(0.9 * rng.nextGaussian())));
                l.next = legal(l, floor.dialable(l.createdAt + 30 + delay, true, true, rng), true, true);
                queue.add(l);
            }
        }

        private int pickState() {
            double u = rng.nextDouble() * STATES_TOTAL;
            for (int i = 0; i < STATES.size(); i++) {
                u -= STATES.get(i).share();
                if (u < 0) {
                    return i;
                }
            }
            return STATES.size() - 1;
        }

        /**
         * The first time at or after {@code t} that is both within floor hours and within the lead's own calling
         * window ({@value #FIRST_LOCAL_HOUR}:00 to {@value #LAST_LOCAL_HOUR}:59 local); Long.MAX_VALUE when none is near.
         */
        private long legal(Lead l, long t, boolean newLead, boolean sundayAllowed) {
            if (!leadLocalHours) {
                return t;
            }
            ZoneId zone = STATES.get(l.state).zones()[l.areaCode];
            for (int tries = 0; tries < 10 && t != Long.MAX_VALUE; tries++) {
                java.time.ZonedDateTime local = Instant.ofEpochSecond(t).atZone(zone);
                int h = local.getHour();
                if (h >= FIRST_LOCAL_HOUR && h <= LAST_LOCAL_HOUR) {
                    return t;
                }
                java.time.LocalDate day = h < FIRST_LOCAL_HOUR ? local.toLocalDate() : local.toLocalDate().plusDays(1);
                long opens = day.atTime(FIRST_LOCAL_HOUR, 0).atZone(zone).toEpochSecond();
                // the lead's morning, spread over its first hours so that the floor's openings do not pile up
                t = floor.dialable(opens + rng.nextLong(5 * HOUR_S), false, sundayAllowed, rng);
            }
            return Long.MAX_VALUE;
        }

        private int pick(double[] weights, double total) {
            double u = rng.nextDouble() * total;
            for (int i = 0; i < weights.length; i++) {
                u -= weights[i];
                if (u < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }

        private void dial(Lead l) {
            lead = l;
            dialTime = l.next;
            attempt = ++l.attempts;
            int day = floor.dayOf(dialTime);
            int hour = floor.hourOf(dialTime, day);
            agent = pickAgent(floor.onShift[day][hour]);
            DemoCampaign cp = CAMPAIGNS.get(l.campaign);
            DemoState st = STATES.get(l.state);
            int localHour = Instant.ofEpochSecond(dialTime).atZone(st.zones()[l.areaCode]).getHour();
            double pAnswer = ANSWER_BY_ATTEMPT[attempt - 1] * st.profile().byLocalHour[localHour] * cp.contactFactor()
                    * agent.contactSkill() * (l.callbackDue ? 1.7 : 1.0);
            boolean answered = rng.nextDouble() < Math.min(0.92, pAnswer);
            if (answered) {
                callStatus = CallStatus.ANSWERED;
                leadStatus = disposition(l, cp);
                long talk = Math.max(5, Math.round(talkMedianSeconds(leadStatus) * cp.talkFactor()
                        * agent.handleTimeSkill() * Math.exp((leadStatus == LeadStatus.INTERESTED ? 0.4 : 0.55)
                                * rng.nextGaussian())));
                long ring = 10 + rng.nextInt(21);
                double wrapMedian = 40 * agent.handleTimeSkill() * (leadStatus == LeadStatus.INTERESTED ? 1.5 : 1.0);
                long wrap = Math.max(5, Math.round(wrapMedian * Math.exp(0.45 * rng.nextGaussian())));
                customerSeconds = talk;
                agentSeconds = ring + talk + wrap;
                l.reached = true;
                l.callbackDue = leadStatus == LeadStatus.CALLBACK;
            } else {
                double u = rng.nextDouble();
                if (u < 0.58) {
                    callStatus = CallStatus.NO_ANSWER;
                    leadStatus = LeadStatus.NOT_ANSWERED;
                    agentSeconds = 20 + rng.nextInt(21);
                } else if (u < 0.85) {
                    callStatus = CallStatus.VOICEMAIL;
                    leadStatus = LeadStatus.VOICEMAIL;
                    // ring until the machine picks up, then hang up or leave a short message
                    agentSeconds = 18 + rng.nextInt(13) + (rng.nextBoolean() ? 15 + rng.nextInt(21) : 3);
                } else if (u < 0.95) {
                    callStatus = CallStatus.BUSY;
                    leadStatus = LeadStatus.BUSY;
                    agentSeconds = 3 + rng.nextInt(8);
                } else {
                    callStatus = CallStatus.FAILED;
                    leadStatus = LeadStatus.NOT_ANSWERED;
                    agentSeconds = 1 + rng.nextInt(5);
                }
                customerSeconds = 0;
                // an unanswered agreed callback stays agreed for the next try
            }
            callStatusVariant = rng.nextDouble() < VARIANT_RATE;
            leadStatusVariant = rng.nextDouble() < VARIANT_RATE;
            variantPick = rng.nextInt(1 << 16);
        }

        private DemoAgent pickAgent(int[] candidates) {
            // faster agents take more of the dials
            for (int tries = 0; tries < 8; tries++) {
                DemoAgent a = agents.get(candidates[rng.nextInt(candidates.length)]);
                if (rng.nextDouble() * floor.maxSpeed < 1 / a.handleTimeSkill()) {
                    return a;
                }
            }
            return agents.get(candidates[rng.nextInt(candidates.length)]);
        }

        private LeadStatus disposition(Lead l, DemoCampaign cp) {
            double pInterested = Math.min(0.6, 0.21 * cp.conversionFactor() * agent.conversionSkill()
                    * (l.callbackDue ? 1.3 : 1.0) * (1 - 0.05 * (attempt - 1)));
            double pWrong = l.reached ? 0.01 : 0.07;
            double pDnc = 0.035;
            double pCallback = attempt < MAX_ATTEMPTS ? 0.24 : 0;
            double u = rng.nextDouble();
            if ((u -= pInterested) < 0) {
                return LeadStatus.INTERESTED;
            }
            if ((u -= pWrong) < 0) {
                return LeadStatus.WRONG_NUMBER;
            }
            if ((u -= pDnc) < 0) {
                return LeadStatus.DNC;
            }
            if ((u -= pCallback) < 0) {
                return LeadStatus.CALLBACK;
            }
            return LeadStatus.NOT_INTERESTED;
        }

        private void scheduleNext(Lead l) {
            if (leadStatus.fin || attempt >= MAX_ATTEMPTS) {
                return;
            }
            long end = dialTime + agentSeconds;
            long gap;
            boolean callback = l.callbackDue;
            if (callStatus == CallStatus.ANSWERED) { // the time the lead asked for
                gap = rng.nextBoolean() ? HOUR_S + rng.nextLong(5 * HOUR_S) : 18 * HOUR_S + rng.nextLong(32 * HOUR_S);
            } else if (callStatus == CallStatus.BUSY) {
                gap = 30 * MINUTE_S + rng.nextLong(90 * MINUTE_S);
            } else {
                gap = switch (attempt) {
                    case 1 -> 2 * HOUR_S + rng.nextLong(3 * HOUR_S);
                    case 2 -> 20 * HOUR_S + rng.nextLong(8 * HOUR_S);
                    case 3 -> 22 * HOUR_S + rng.nextLong(28 * HOUR_S);
                    case 4 -> 44 * HOUR_S + rng.nextLong(30 * HOUR_S);
                    default -> 66 * HOUR_S + rng.nextLong(34 * HOUR_S);
                };
            }
            // Most plain retries wait for Monday rather than take the Sunday skeleton crew.
            boolean sundayAllowed = callback || rng.nextDouble() < 0.3;
            l.next = legal(l, floor.dialable(end + gap, false, sundayAllowed, rng), false, sundayAllowed);
            if (l.next != Long.MAX_VALUE) {
                queue.add(l);
            }
        }

        RawCall record() {
            String[] v = new String[CallField.values().length];
            DemoCampaign cp = CAMPAIGNS.get(lead.campaign);
            DemoAdvertiser adv = ADVERTISERS.get(cp.advertiser());
            String callId = "DEMO-" + idTag + "-" + pad(emitted, 8);
            v[CallField.CALL_ID.ordinal()] = callId;
            v[CallField.LEAD_ID.ordinal()] = "LD-" + idTag + "-" + pad(lead.seq, 7);
            v[CallField.CAMPAIGN_ID.ordinal()] = cp.id();
            v[CallField.CAMPAIGN_NAME.ordinal()] = cp.name();
            v[CallField.ADVERTISER_ID.ordinal()] = adv.id();
            v[CallField.ADVERTISER_NAME.ordinal()] = adv.name();
            v[CallField.HID.ordinal()] = "HH-" + Long.toHexString(lead.hid | (1L << 40)).substring(1).toUpperCase();
            v[CallField.CALL_STATUS.ordinal()] = callStatusVariant
                    ? callStatus.variants[variantPick % callStatus.variants.length] : callStatus.canonical;
            v[CallField.LEAD_STATUS.ordinal()] = leadStatusVariant
                    ? leadStatus.variants[(variantPick >>> 8) % leadStatus.variants.length] : leadStatus.canonical;
            v[CallField.AGENT_CALL_DURATION.ordinal()] = Long.toString(agentSeconds);
            v[CallField.CUSTOMER_CALL_DURATION.ordinal()] = Long.toString(customerSeconds);
            v[CallField.FROM_NUMBER.ordinal()] = "+1555" + (2_000_100 + lead.campaign + 1);
            v[CallField.TO_NUMBER.ordinal()] = "+1" + STATES.get(lead.state).areaCodes()[lead.areaCode] + lead.phone;
            v[CallField.ATTEMPT_NO.ordinal()] = Integer.toString(attempt);
            v[CallField.LEAD_CREATED_AT.ordinal()] = Instant.ofEpochSecond(lead.createdAt).toString();
            v[CallField.UPDATED_AT.ordinal()] = Instant.ofEpochSecond(dialTime + agentSeconds).toString();
            v[CallField.AGENT_ID.ordinal()] = agent.id();
            v[CallField.AGENT_NAME.ordinal()] = agent.name();
            v[CallField.AGENT_TEAM.ordinal()] = agent.team();
            v[CallField.CONNECTED.ordinal()] = callStatus == CallStatus.ANSWERED ? "true" : "false";
            v[CallField.DIAL_TIME.ordinal()] = Instant.ofEpochSecond(dialTime).toString();
            return RawCall.of(emitted, v, "generated " + callId);
        }
    }

    private static final double ARRIVALS_TOTAL = Arrays.stream(ARRIVALS_BY_HOUR).sum();

    private static String tag(String arguments) {
        int space = 36 * 36 * 36 * 36;
        return pad(Integer.toString(Math.floorMod(arguments.hashCode(), space), 36).toUpperCase(), 4);
    }

    private static String pad(int n, int width) {
        return pad(Integer.toString(n), width);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
