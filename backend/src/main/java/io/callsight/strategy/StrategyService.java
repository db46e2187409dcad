package io.callsight.strategy;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.BusinessTime;
import io.callsight.common.Cursors;
import io.callsight.common.CsvWriter;
import io.callsight.common.NotFoundException;
import io.callsight.common.Page;
import io.callsight.common.Transactions;
import io.callsight.compliance.CallingPermission;
import io.callsight.security.AccessScope;

/**
 * The recommendations from the newest contact model: best hours, the heatmap, the attempt policy, each lead's next
 * attempt and the export of next attempts for open leads. Scope: an ADVERTISER sees its own campaigns and leads only
 * (another advertiser's campaign or lead answers NOT_FOUND); numbers are masked for every role but ADMIN. The model's
 * effects are pooled over the whole floor (aggregate rates, no lead); the dials counted and the mixes averaged over
 * are the caller's own.
 */
@ApplicationScoped
public class StrategyService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StrategyModels models;

    @Inject
    CallingPermission permission;

    @Inject
    StrategyConfig config;

    @Inject
    AccessScope scope;

    @Inject
    BusinessTime businessTime;

    /** A campaign asked about: its key (null: none asked) and the caller's campaign keys (null: all). */
    record Target(Integer campaignKey, List<Integer> scope) {
    }

    private Target target(Connection c, String campaignId) throws SQLException {
        List<Integer> own = null;
        Integer advertiser = scope.advertiserKey();
        if (advertiser != null) {
            own = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT campaign_key FROM campaign WHERE advertiser_key = ?")) {
                ps.setInt(1, advertiser);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        own.add(rs.getInt(1));
                    }
                }
            }
        }
        Integer key = null;
        if (campaignId != null && !campaignId.isBlank()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT campaign_key FROM campaign WHERE campaign_id = ?")) {
                ps.setString(1, campaignId.strip());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        key = rs.getInt(1);
                    }
                }
            }
            if (key == null || (own != null && !own.contains(key))) {
                throw new NotFoundException("No campaign '" + campaignId + "'");
            }
        }
        return new Target(key, own);
    }

    private static String state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        String s = state.strip().toUpperCase(Locale.ROOT);
        if (!s.matches("[A-Z]{2}|\\?\\?")) {
            throw new BadInputException("state must be a two-letter state code such as CA (was '" + state + "')");
        }
        return s;
    }

    private static Integer attempt(Integer attempt) {
        if (attempt != null && attempt < 1) {
            throw new BadInputException("attempt must be 1 or more (was " + attempt + ")");
        }
        return attempt;
    }

    // ---- bestTimeToCall and the heatmap ------------------------------------------------------

    /** A question to the newest model, with the hours the calling rules permit on each weekday (hour x weekday). */
    private record Asked(FittedModel model, FittedModel.Question question, boolean[][] permitted) {
    }

    /** The model, the question and the permitted hours for bestTimeToCall and the heatmap; null without a model. */
    private Asked ask(String campaignId, String state, Integer attempt, String what) {
        String s = state(state);
        Integer a = attempt(attempt);
        Optional<FittedModel> model = models.latest();
        try (Connection c = dataSource.getConnection()) {
            Target t = target(c, campaignId);
            if (model.isEmpty()) {
                return null;
            }
            CallingPermission.Rules rules = permission.load(c);
            boolean[][] permitted = new boolean[DialFeatures.HOURS][DialFeatures.WEEKDAYS];
            for (int h = 0; h < DialFeatures.HOURS; h++) {
                for (int d = 0; d < DialFeatures.WEEKDAYS; d++) {
                    permitted[h][d] = rules.hourPermitted(s, DayOfWeek.of(d + 1), h);
                }
            }
            return new Asked(model.get(), new FittedModel.Question(t.scope(), t.campaignKey(), s, a), permitted);
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    public List<HourRecommendation> bestTimeToCall(String campaignId, String state, Integer attempt) {
        Asked asked = ask(campaignId, state, attempt, "bestTimeToCall");
        if (asked == null) {
            return List.of();
        }
        FittedModel m = asked.model();
        FittedModel.Estimate[] byHour = m.byHour(asked.question());
        // permitted through the whole hour on at least one weekday
        boolean[] permitted = new boolean[DialFeatures.HOURS];
        for (int h = 0; h < DialFeatures.HOURS; h++) {
            for (boolean day : asked.permitted()[h]) {
                permitted[h] |= day;
            }
        }
        List<Integer> hours = new ArrayList<>();
        for (int h = 0; h < DialFeatures.HOURS; h++) {
            hours.add(h);
        }
        // hours the calling rules forbid on every weekday come after the permitted ones; hours no dial was ever
        // placed at say nothing: last, without a rate
        hours.sort(Comparator.<Integer, Boolean>comparing(h -> !m.hourSeen(h))
                .thenComparing(h -> !permitted[h])
                .thenComparing(h -> m.hourSeen(h) && byHour[h].connectRate() != null ? -byHour[h].connectRate() : 0.0)
                .thenComparing(h -> h));
        List<HourRecommendation> out = new ArrayList<>();
        int rank = 1;
        for (int h : hours) {
            FittedModel.Estimate e = byHour[h];
            boolean seen = m.hourSeen(h);
            out.add(new HourRecommendation(h, rank++, seen ? e.connectRate() : null, seen ? e.connectLo80() : null,
                    seen ? e.connectHi80() : null, seen ? e.conversionsPerDial() : null,
                    seen ? e.conversionsLo80() : null, seen ? e.conversionsHi80() : null, e.dials(), e.connects(),
                    e.conversions(), e.dials() == 0 ? null : (double) e.connects() / e.dials(), permitted[h]));
        }
        return out;
    }

    public List<BestTimeCell> heatmap(String campaignId, String state, Integer attempt) {
        Asked asked = ask(campaignId, state, attempt, "bestTimeHeatmap");
        if (asked == null) {
            return List.of();
        }
        FittedModel.Estimate[][] grid = asked.model().byHourAndWeekday(asked.question());
        List<BestTimeCell> out = new ArrayList<>();
        for (int h = 0; h < DialFeatures.HOURS; h++) {
            boolean seen = asked.model().hourSeen(h);
            for (int d = 0; d < DialFeatures.WEEKDAYS; d++) {
                FittedModel.Estimate e = grid[h][d];
                out.add(new BestTimeCell(h, d + 1, seen ? e.connectRate() : null, seen ? e.connectLo80() : null,
                        seen ? e.connectHi80() : null, seen ? e.conversionsPerDial() : null, e.dials(), e.connects(),
                        asked.permitted()[h][d]));
            }
        }
        return out;
    }

    // ---- the attempt policy -------------------------------------------------------------------

    /** A threshold: a minimum of conversions per dial, or an agent-minute cost with a conversion's value. */
    public record Threshold(String source, Double minConversionsPerDial, Double agentMinuteCost,
            Double conversionValue) {

        double at(double agentMinutesPerDial) {
            if (minConversionsPerDial != null) {
                return minConversionsPerDial;
            }
            return agentMinuteCost * agentMinutesPerDial / conversionValue;
        }
    }

    static Threshold checked(String source, Double min, Double cost, Double value) {
        if (min == null && cost == null && value == null) {
            return null;
        }
        if (min != null && (cost != null || value != null)) {
            throw new BadInputException("Give minConversionsPerDial, or agentMinuteCost with conversionValue, not both");
        }
        if (min != null) {
            if (!(min >= 0 && min <= 1)) {
                throw new BadInputException("minConversionsPerDial must be between 0 and 1 (was " + min + ")");
            }
            return new Threshold(source, min, null, null);
        }
        if (cost == null || value == null) {
            throw new BadInputException("agentMinuteCost and conversionValue go together (one was missing)");
        }
        if (!(cost >= 0) || !(value > 0)) {
            throw new BadInputException("agentMinuteCost must be 0 or more and conversionValue more than 0 (were "
                    + cost + ", " + value + ")");
        }
        return new Threshold(source, null, cost, value);
    }

    private Threshold stored(Connection c, Integer campaignKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT min_conversions_per_dial, agent_minute_cost, "
                + "conversion_value FROM attempt_policy WHERE campaign_key IN (?, 0) ORDER BY campaign_key DESC LIMIT 1")) {
            ps.setInt(1, campaignKey == null ? 0 : campaignKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new Threshold("STORED", (Double) rs.getObject(1), (Double) rs.getObject(2),
                            (Double) rs.getObject(3));
                }
            }
        }
        return new Threshold("DEFAULT", config.minConversionsPerDial(), null, null);
    }

    public AttemptPolicy attemptPolicy(String campaignId, Double minConversionsPerDial, Double agentMinuteCost,
            Double conversionValue) {
        Threshold given = checked("ARGUMENT", minConversionsPerDial, agentMinuteCost, conversionValue);
        try (Connection c = dataSource.getConnection()) {
            Target t = target(c, campaignId);
            Threshold threshold = given != null ? given : stored(c, t.campaignKey());
            Optional<FittedModel> model = models.latest();
            return policy(model.orElse(null), t, campaignId == null ? null : campaignId.strip(), threshold);
        } catch (SQLException e) {
            throw new IllegalStateException("attemptPolicy failed: " + e.getMessage(), e);
        }
    }

    private static AttemptPolicy policy(FittedModel model, Target t, String campaignId, Threshold threshold) {
        List<AttemptStep> steps = new ArrayList<>();
        if (model == null) {
            return new AttemptPolicy(campaignId, threshold.source(), threshold.minConversionsPerDial(),
                    threshold.agentMinuteCost(), threshold.conversionValue(), null, steps, 0, 0, 0, 0, 0);
        }
        FittedModel.Estimate[] curve = model.byAttempt(new FittedModel.Question(t.scope(), t.campaignKey(), null, null));
        Integer stop = null;
        long totalDials = 0;
        long totalConversions = 0;
        for (int a = 0; a < curve.length; a++) {
            totalDials += curve[a].dials();
            totalConversions += curve[a].conversions();
        }
        double[] thresholds = new double[curve.length];
        for (int a = 0; a < curve.length; a++) {
            FittedModel.Estimate e = curve[a];
            double minutes = e.dials() == 0 ? 0 : e.agentSeconds() / e.dials() / 60;
            thresholds[a] = threshold.at(minutes);
            if (stop == null && e.dials() > 0 && e.conversionsPerDial() != null
                    && e.conversionsPerDial() < thresholds[a]) {
                stop = a; // attempts 1..a are dialled: stop after attempt a
            }
        }
        long savedDials = 0;
        double savedSeconds = 0;
        long lost = 0;
        for (int a = 0; a < curve.length; a++) {
            FittedModel.Estimate e = curve[a];
            if (e.dials() == 0 && e.conversionsPerDial() == null) {
                continue;
            }
            boolean within = stop == null || a < stop;
            if (!within) {
                savedDials += e.dials();
                savedSeconds += e.agentSeconds();
                lost += e.conversions();
            }
            steps.add(new AttemptStep(a + 1, e.dials(), e.connects(), e.conversions(), e.agentSeconds() / 3600,
                    e.connectRate(), e.conversionsPerDial(), e.conversionsLo80(), e.conversionsHi80(), thresholds[a],
                    within));
        }
        return new AttemptPolicy(campaignId, threshold.source(), threshold.minConversionsPerDial(),
                threshold.agentMinuteCost(), threshold.conversionValue(), stop, steps, savedDials, savedSeconds / 3600,
                lost, totalConversions - lost, totalDials);
    }

    /** Stores the manager's threshold for a campaign (or every campaign); the mutation is audited. */
    public AttemptPolicy setAttemptPolicy(String campaignId, Double minConversionsPerDial, Double agentMinuteCost,
            Double conversionValue, String user) {
        Threshold t = checked("STORED", minConversionsPerDial, agentMinuteCost, conversionValue);
        if (t == null) {
            throw new BadInputException("Give minConversionsPerDial, or agentMinuteCost with conversionValue");
        }
        try (Connection c = dataSource.getConnection()) {
            Target target = target(c, campaignId);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO attempt_policy (campaign_key, "
                    + "min_conversions_per_dial, agent_minute_cost, conversion_value, updated_by) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (campaign_key) DO UPDATE SET min_conversions_per_dial = excluded.min_conversions_per_dial, "
                    + "agent_minute_cost = excluded.agent_minute_cost, conversion_value = excluded.conversion_value, "
                    + "updated_by = excluded.updated_by, updated_at = now()")) {
                ps.setInt(1, target.campaignKey() == null ? 0 : target.campaignKey());
                ps.setObject(2, t.minConversionsPerDial());
                ps.setObject(3, t.agentMinuteCost());
                ps.setObject(4, t.conversionValue());
                ps.setString(5, user);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("setAttemptPolicy failed: " + e.getMessage(), e);
        }
        return attemptPolicy(campaignId, null, null, null);
    }

    // ---- next attempts ------------------------------------------------------------------------

    /** One lead's dialling so far. */
    record LeadState(long leadKey, String leadId, int campaignKey, String campaignId, String zip, String toNumber,
            Instant createdAt, int attempts, Instant lastDial, boolean converted, boolean optedOut,
            String latestStatus, Integer advertiserKey, List<CallingPermission.Dial> dials) {
    }

    /** Each lead's dialling so far; the latest call (by dial time) gives its campaign, number, status and advertiser. */
    static final String LEAD_STATE = "SELECT s.lead_key, s.lead_id, s.campaign_key, cp.campaign_id, s.zip, s.to_number, "
            + "s.created, s.attempts, s.last_dial, s.converted, s.dnc, s.status, s.advertiser_key, s.dial_times, s.numbers FROM (SELECT l.lead_key, "
            + "l.lead_id, l.zip, coalesce(l.created_at, min(c.lead_created_at)) AS created, "
            + "greatest(count(*), max(c.attempt_no)) AS attempts, max(c.dial_time) AS last_dial, "
            + "bool_or(c.lead_status = 'Interested') AS converted, bool_or(c.lead_status = 'DNC') AS dnc, "
            + "(array_agg(c.campaign_key ORDER BY c.dial_time DESC, c.call_key DESC))[1] AS campaign_key, "
            + "(array_agg(c.to_number ORDER BY c.dial_time DESC, c.call_key DESC))[1] AS to_number, "
            + "(array_agg(c.lead_status ORDER BY c.dial_time DESC, c.call_key DESC))[1] AS status, "
            + "(array_agg(c.advertiser_key ORDER BY c.dial_time DESC, c.call_key DESC))[1] AS advertiser_key, "
            + "array_agg(c.dial_time ORDER BY c.dial_time DESC, c.call_key DESC) AS dial_times, "
            + "array_agg(c.to_number ORDER BY c.dial_time DESC, c.call_key DESC) AS numbers "
            + "FROM lead l JOIN call c ON c.lead_key = l.lead_key WHERE %s GROUP BY l.lead_key, l.lead_id, l.zip, l.created_at) s "
            + "JOIN campaign cp ON cp.campaign_key = s.campaign_key ORDER BY s.lead_key";

    /** Every number the leads were dialled at (the do-not-call list is read for them in one query). */
    private static List<String> numbersOf(List<LeadState> leads) {
        List<String> numbers = new ArrayList<>();
        for (LeadState lead : leads) {
            for (CallingPermission.Dial d : lead.dials()) {
                numbers.add(d.toNumber());
            }
        }
        return numbers;
    }

    private static LeadState leadState(ResultSet rs) throws SQLException {
        OffsetDateTime created = rs.getObject(7, OffsetDateTime.class);
        List<CallingPermission.Dial> dials = new ArrayList<>();
        try (ResultSet times = rs.getArray(14).getResultSet(); ResultSet numbers = rs.getArray(15).getResultSet()) {
            while (times.next() && numbers.next()) {
                dials.add(new CallingPermission.Dial(times.getObject(2, OffsetDateTime.class).toInstant(),
                        numbers.getString(2)));
            }
        }
        return new LeadState(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), created == null ? null : created.toInstant(), rs.getInt(8),
                rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getBoolean(10), rs.getBoolean(11),
                rs.getString(12), (Integer) rs.getObject(13), dials);
    }

    public NextAttempt nextAttempt(String leadId, Instant now) {
        if (leadId == null || leadId.isBlank()) {
            throw new BadInputException("leadId is required");
        }
        try (Connection c = dataSource.getConnection()) {
            LeadState lead = null;
            Integer advertiser = scope.advertiserKey();
            try (PreparedStatement ps = c.prepareStatement(LEAD_STATE.formatted("l.lead_id = ?"))) {
                ps.setString(1, leadId.strip());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        lead = leadState(rs);
                    }
                }
            }
            if (lead == null || (advertiser != null && !advertiser.equals(lead.advertiserKey()))) {
                throw new NotFoundException("No lead '" + leadId + "' with calls");
            }
            return next(lead, models.latest().orElse(null), new HashMap<>(), permission.load(c), c, now);
        } catch (SQLException e) {
            throw new IllegalStateException("nextAttempt failed: " + e.getMessage(), e);
        }
    }

    /** The next attempt of each lead id (in order; null for a lead out of the caller's scope or without calls). */
    public List<NextAttempt> nextAttemptsOf(List<String> leadIds, Instant now) {
        List<String> distinct = leadIds.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, NextAttempt> byLead = new HashMap<>();
        if (!distinct.isEmpty()) {
            Integer advertiser = scope.advertiserKey();
            FittedModel model = models.latest().orElse(null);
            Map<Integer, Integer> stops = new HashMap<>();
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(LEAD_STATE.formatted("l.lead_id = ANY (?)"))) {
                ps.setArray(1, c.createArrayOf("text", distinct.toArray()));
                List<LeadState> leads = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LeadState lead = leadState(rs);
                        if (advertiser == null || advertiser.equals(lead.advertiserKey())) {
                            leads.add(lead);
                        }
                    }
                }
                CallingPermission.Rules rules = permission.load(c);
                rules.prefetch(numbersOf(leads));
                for (LeadState lead : leads) {
                    byLead.put(lead.leadId(), next(lead, model, stops, rules, c, now));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("nextAttempt of calls failed: " + e.getMessage(), e);
            }
        }
        List<NextAttempt> out = new ArrayList<>();
        for (String id : leadIds) {
            out.add(id == null ? null : byLead.get(id));
        }
        return out;
    }

    private NextAttempt next(LeadState lead, FittedModel model, Map<Integer, Integer> stops,
            CallingPermission.Rules rules, Connection c, Instant now) throws SQLException {
        String number = scope.fullNumbers() ? lead.toNumber() : AccessScope.mask(lead.toNumber());
        OffsetDateTime last = lead.lastDial().atOffset(ZoneOffset.UTC);
        if (lead.converted()) {
            return stop(lead, number, last, StopReason.CONVERTED, "a call ended Interested: the lead converted");
        }
        if (lead.optedOut()) {
            return stop(lead, number, last, StopReason.OPTED_OUT, "the lead asked not to be called (DNC)");
        }
        Instant listed = rules.onDoNotCallListSince(lead.toNumber());
        if (listed != null) {
            return stop(lead, number, last, StopReason.DO_NOT_CALL, "the number is on the internal do-not-call list "
                    + "(since " + listed.atOffset(ZoneOffset.UTC) + ")");
        }
        if ("Not Interested".equals(lead.latestStatus()) || "Wrong Number".equals(lead.latestStatus())) {
            return stop(lead, number, last, StopReason.CLOSED, "the latest call ended " + lead.latestStatus());
        }
        Integer stopAfter = null;
        if (model != null) {
            if (!stops.containsKey(lead.campaignKey())) {
                Threshold threshold = stored(c, lead.campaignKey());
                AttemptPolicy p = policy(model, new Target(lead.campaignKey(), null), lead.campaignId(), threshold);
                stops.put(lead.campaignKey(), p.stopAfterAttempt());
            }
            stopAfter = stops.get(lead.campaignKey());
        }
        if (stopAfter != null && lead.attempts() >= stopAfter) {
            return stop(lead, number, last, StopReason.ATTEMPT_POLICY, lead.attempts() + " dials: the campaign's "
                    + "attempt policy stops after attempt " + stopAfter);
        }
        DialHistory.Place place = DialHistory.place(lead.zip(), lead.toNumber());
        ZoneId zone = place.zone() != null ? place.zone() : businessTime.zone();
        String state = place.zone() != null ? place.state() : null;
        Instant earliest = lead.lastDial().plus(config.minGapMinutes(), ChronoUnit.MINUTES);
        if (earliest.isBefore(now)) {
            earliest = now;
        }
        Instant slot = earliest.truncatedTo(ChronoUnit.HOURS);
        if (slot.isBefore(earliest)) {
            slot = slot.plus(1, ChronoUnit.HOURS);
        }
        int nextAttempt = lead.attempts() + 1;
        List<Instant> times = new ArrayList<>();
        List<FittedModel.Estimate> estimates = new ArrayList<>();
        for (int i = 0; i < config.lookAheadDays() * 24; i++) {
            Instant t = slot.plus(i, ChronoUnit.HOURS);
            ZonedDateTime local = t.atZone(zone);
            if (local.getHour() < config.firstLocalHour() || local.getHour() > config.lastLocalHour()) {
                continue;
            }
            if (model != null && !model.hourSeen(local.getHour())) {
                continue;
            }
            times.add(t);
            estimates.add(model == null ? null : estimate(model, lead, state, local, nextAttempt, t));
        }
        // the calling rules decide which of these times are permitted; asked lazily (most leads need one or two)
        Map<Integer, Boolean> permitted = new HashMap<>();
        IntPredicate allowed = i -> permitted.computeIfAbsent(i,
                k -> rules.wouldBreak(lead.zip(), lead.toNumber(), lead.dials(), times.get(k)).isEmpty());
        int pick = -1;
        String why;
        if (model != null) {
            List<Integer> byRate = new ArrayList<>();
            for (int i = 0; i < times.size(); i++) {
                byRate.add(i);
            }
            byRate.sort(Comparator.comparingDouble((Integer i) -> -estimates.get(i).connectRate()).thenComparing(i -> i));
            double best = -1;
            for (int i : byRate) {
                if (allowed.test(i)) {
                    best = estimates.get(i).connectRate();
                    break;
                }
            }
            for (int i = 0; i < times.size() && best >= 0; i++) {
                if (estimates.get(i).connectRate() >= config.nearBestShare() * best && allowed.test(i)) {
                    pick = i;
                    break;
                }
            }
            why = "the earliest time within " + config.lookAheadDays() + " days that the calling rules permit and whose "
                    + "expected connect rate is at least " + Math.round(config.nearBestShare() * 100) + "% of the best "
                    + "permitted one";
        } else {
            for (int i = 0; i < times.size(); i++) {
                if (allowed.test(i)) {
                    pick = i;
                    break;
                }
            }
            why = "no contact model yet: the first time the calling rules permit";
        }
        if (pick < 0) {
            return new NextAttempt(lead.leadId(), lead.campaignId(), number, NextAttemptAction.CALL, null,
                    times.isEmpty() ? "no hour within the calling window was ever dialled: call at the first permitted time"
                            : "no time within " + config.lookAheadDays() + " days that the calling rules permit: "
                                    + rules.wouldBreak(lead.zip(), lead.toNumber(), lead.dials(), times.get(0)).get(0),
                    lead.attempts(), last, nextAttempt, null, null, null, zone.getId(), state, null, null, null, null);
        }
        if (place.zone() == null) {
            why += " (the lead's place is unknown: hours read in the floor's time zone)";
        }
        Instant at = times.get(pick);
        ZonedDateTime local = at.atZone(zone);
        FittedModel.Estimate e = estimates.get(pick);
        return new NextAttempt(lead.leadId(), lead.campaignId(), number, NextAttemptAction.CALL, null, why,
                lead.attempts(), last, nextAttempt, at.atOffset(ZoneOffset.UTC), local.getHour(),
                local.getDayOfWeek().getValue(), zone.getId(), state, e == null ? null : e.connectRate(),
                e == null ? null : e.connectLo80(), e == null ? null : e.connectHi80(),
                e == null ? null : e.conversionsPerDial());
    }

    private static FittedModel.Estimate estimate(FittedModel model, LeadState lead, String state, ZonedDateTime local,
            int attempt, Instant t) {
        Integer campaign = model.campaignLevel(lead.campaignKey());
        Integer stateLevel = state == null ? null : model.stateLevel(state);
        int[] levels = { local.getHour(), local.getDayOfWeek().getValue() - 1, DialFeatures.attemptLevel(attempt),
            DialFeatures.gapBucket(t.getEpochSecond() - lead.lastDial().getEpochSecond()),
            DialFeatures.ageBucket(lead.createdAt() == null ? null : t.getEpochSecond() - lead.createdAt().getEpochSecond()),
            campaign == null ? -1 : campaign, stateLevel == null ? -1 : stateLevel };
        return model.at(levels);
    }

    private static NextAttempt stop(LeadState lead, String number, OffsetDateTime last, StopReason reason, String why) {
        return new NextAttempt(lead.leadId(), lead.campaignId(), number, NextAttemptAction.STOP, reason, why,
                lead.attempts(), last, null, null, null, null, null, null, null, null, null, null);
    }

    /** The open leads (last dial within open-lead-days, not stopped), by lead key, from {@code afterKey}. */
    private List<Map.Entry<Long, NextAttempt>> openLeads(Connection c, Target t, long afterKey, int limit, Instant now,
            long[] lastKey) throws SQLException {
        FittedModel model = models.latest().orElse(null);
        Map<Integer, Integer> stops = new HashMap<>();
        CallingPermission.Rules rules = permission.load(c);
        List<Map.Entry<Long, NextAttempt>> out = new ArrayList<>();
        long after = afterKey;
        Instant since = now.minus(config.openLeadDays(), ChronoUnit.DAYS);
        while (out.size() < limit) {
            List<Long> keys = new ArrayList<>();
            StringBuilder sql = new StringBuilder("SELECT DISTINCT lead_key FROM call WHERE dial_time >= ? AND lead_key > ?");
            if (t.campaignKey() != null) {
                sql.append(" AND campaign_key = ?");
            }
            if (t.scope() != null) {
                sql.append(" AND advertiser_key = ?");
            }
            sql.append(" ORDER BY lead_key LIMIT 500");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setObject(i++, since.atOffset(ZoneOffset.UTC));
                ps.setLong(i++, after);
                if (t.campaignKey() != null) {
                    ps.setInt(i++, t.campaignKey());
                }
                if (t.scope() != null) {
                    ps.setInt(i++, scope.advertiserKey());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getLong(1));
                    }
                }
            }
            List<LeadState> batch = new ArrayList<>();
            if (!keys.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(LEAD_STATE.formatted("l.lead_key = ANY (?)"))) {
                    ps.setArray(1, c.createArrayOf("bigint", keys.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            LeadState lead = leadState(rs);
                            boolean inScope = (t.campaignKey() == null || t.campaignKey() == lead.campaignKey())
                                    && (t.scope() == null || Objects.equals(scope.advertiserKey(), lead.advertiserKey()));
                            if (inScope) {
                                batch.add(lead);
                            }
                        }
                    }
                }
            }
            if (keys.isEmpty()) {
                lastKey[0] = -1;
                return out;
            }
            after = keys.get(keys.size() - 1);
            rules.prefetch(numbersOf(batch));
            for (LeadState lead : batch) {
                NextAttempt n = next(lead, model, stops, rules, c, now);
                if (n.action() == NextAttemptAction.CALL) {
                    out.add(Map.entry(lead.leadKey(), n));
                    if (out.size() == limit) {
                        lastKey[0] = lead.leadKey();
                        return out;
                    }
                }
            }
            lastKey[0] = after;
        }
        return out;
    }

    public NextAttemptConnection nextAttempts(String campaignId, Integer first, String afterCursor, Instant now) {
        int size = Cursors.pageSize(first);
        long after = Cursors.decodeLong("next-attempt", afterCursor, 0);
        try (Connection c = dataSource.getConnection()) {
            Target t = target(c, campaignId);
            long[] lastKey = new long[1];
            List<Map.Entry<Long, NextAttempt>> page = openLeads(c, t, after, size + 1, now, lastKey);
            Page<NextAttemptConnection.Edge> edges = Page.of(page.stream().map(e -> new NextAttemptConnection.Edge(
                    Cursors.encode("next-attempt", Long.toString(e.getKey())), e.getValue())).toList(), size);
            return new NextAttemptConnection(edges.edges(), edges.pageInfo(NextAttemptConnection.Edge::cursor));
        } catch (SQLException e) {
            throw new IllegalStateException("nextAttempts failed: " + e.getMessage(), e);
        }
    }

    /** An export decided in the request (scope, campaign), written later. */
    public record Export(Target target, Instant now) {
    }

    public Export export(String campaignId) {
        try (Connection c = dataSource.getConnection()) {
            return new Export(target(c, campaignId), Instant.now());
        } catch (SQLException e) {
            throw new IllegalStateException("next-attempt export failed: " + e.getMessage(), e);
        }
    }

    static final String[] CSV_HEADER = { "lead_id", "campaign_id", "to_number", "attempt", "call_at", "local_hour",
        "local_weekday", "time_zone", "state", "expected_connect_rate", "connect_lo80", "connect_hi80",
        "expected_conversion_rate", "attempts_so_far", "last_dial_at" };

    /** Streams the open leads' next attempts (CALL only), 500 leads at a time. */
    public void writeCsv(Export export, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection(); CsvWriter csv = CsvWriter.open(out, CSV_HEADER)) {
            Transactions.inTransaction(c, tx -> {
                long after = 0;
                long[] lastKey = new long[1];
                while (after >= 0) {
                    for (Map.Entry<Long, NextAttempt> e : openLeads(tx, export.target(), after, 500, export.now(),
                            lastKey)) {
                        NextAttempt n = e.getValue();
                        csv.row(n.leadId(), n.campaignId(), n.toNumber(), n.attempt(), n.at(), n.localHour(),
                                n.localWeekday(), n.timeZone(), n.state(), n.expectedConnectRate(), n.connectLo80(),
                                n.connectHi80(), n.expectedConversionRate(), n.attemptsSoFar(), n.lastDialAt());
                    }
                    after = lastKey[0];
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("next-attempt export failed: " + e.getMessage(), e);
        }
    }

    // ---- the model itself ---------------------------------------------------------------------

    public ContactModelSummary contactModel() {
        Optional<FittedModel> model = models.latest();
        if (model.isEmpty()) {
            return null;
        }
        long runId = model.get().runId();
        try (Connection c = dataSource.getConnection()) {
            OffsetDateTime created;
            OffsetDateTime from;
            OffsetDateTime to;
            long dials;
            long unlocated;
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at, history_from, history_to, dials, "
                    + "dials_unlocated FROM contact_model_run WHERE run_id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    created = rs.getObject(1, OffsetDateTime.class);
                    from = rs.getObject(2, OffsetDateTime.class);
                    to = rs.getObject(3, OffsetDateTime.class);
                    dials = rs.getLong(4);
                    unlocated = rs.getLong(5);
                }
            }
            List<ModelValidationResult> validation = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT outcome, test_weeks, test_dials, brier, "
                    + "baseline_brier, skill FROM contact_model_validation WHERE run_id = ? ORDER BY outcome")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String outcome = rs.getString(1);
                        validation.add(new ModelValidationResult(outcome, rs.getInt(2), rs.getLong(3), rs.getDouble(4),
                                rs.getDouble(5), (Double) rs.getObject(6), bins(c, runId, outcome),
                                lift(c, runId, outcome)));
                    }
                }
            }
            return new ContactModelSummary(runId, created, from, to, dials, unlocated, model.get().states(),
                    validation);
        } catch (SQLException e) {
            throw new IllegalStateException("contactModel failed: " + e.getMessage(), e);
        }
    }

    private static List<CalibrationBin> bins(Connection c, long runId, String outcome) throws SQLException {
        List<CalibrationBin> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT bin, predicted, observed, dials FROM "
                + "contact_model_calibration WHERE run_id = ? AND outcome = ? ORDER BY bin")) {
            ps.setLong(1, runId);
            ps.setString(2, outcome);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CalibrationBin(rs.getInt(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    private static List<LiftPoint> lift(Connection c, long runId, String outcome) throws SQLException {
        List<LiftPoint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT share, model_rate, calling_order_rate, lift FROM "
                + "contact_model_lift WHERE run_id = ? AND outcome = ? ORDER BY share")) {
            ps.setLong(1, runId);
            ps.setString(2, outcome);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LiftPoint(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), (Double) rs.getObject(4)));
                }
            }
        }
        return out;
    }
}
