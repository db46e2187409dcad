package io.callsight.servicelevels;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.NotFoundException;
import io.callsight.staffing.QueueModel;

/**
 * "Can I trust the staffing plan?" on the user's own call log: for each past hour, the agents who
 * actually served, the arrivals and handle time, and what Erlang C and Erlang A predicted for service
 * level and abandonment with those agents, against what happened.
 */
@ApplicationScoped
public class StaffingBacktest {

    @Inject
    AgroalDataSource dataSource;

    @Type("StaffingBacktestHour")
    public record Hour(LocalDateTime hourStart, int arrivals, int handled, int abandoned,
            @Description("Distinct agents who served a call that arrived in the hour") int agents,
            double ahtSeconds, double actualServiceLevel, double actualAbandonRate,
            Double erlangCServiceLevel, Double erlangAServiceLevel, Double erlangAAbandonRate) {
    }

    @Type("StaffingModelError")
    @Description("Over the hours: mean absolute error and mean signed error (prediction - actual) of the service level, "
            + "and mean absolute error of the abandonment rate (Erlang C predicts no abandonment)")
    public record ModelError(String model, int hours, Double serviceLevelMae, Double serviceLevelBias, Double abandonRateMae) {
    }

    @Type("StaffingBacktest")
    public record Result(String queue, LocalDate from, LocalDate to, double answerWithinSeconds,
            @Description("Mean patience estimated from the abandonment data: total waiting time of offered calls / "
                    + "abandoned calls (exponential patience)") Double patienceSeconds,
            int minCalls, List<ModelError> errors, List<Hour> hours) {
    }

    private record Raw(LocalDateTime hour, int arrivals, int handled, int abandoned, int answeredWithin, int shortAbandons,
            int agents, Double aht) {
    }

    public Result run(String queue, LocalDate from, LocalDate to, Integer minCalls) {
        int min = minCalls == null ? 10 : minCalls;
        if (min < 1) {
            throw new BadInputException("minCalls must be 1 or more");
        }
        String at = "coalesce(ic.queue_start, ic.service_start, ic.vru_exit, ic.vru_entry)";
        String offered = "(ic.outcome = 'AGENT' OR (ic.outcome = 'HANG' AND ic.queue_start IS NOT NULL))";
        String range = (from == null ? "" : " AND " + at + " >= ?") + (to == null ? "" : " AND " + at + " < ?");
        try (Connection c = dataSource.getConnection()) {
            double answerWithin;
            double shortAbandon;
            int queueKey;
            try (PreparedStatement ps = c.prepareStatement("SELECT queue_key, answer_within_s, short_abandon_s FROM queue WHERE name = ?")) {
                ps.setString(1, queue);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("No queue named '" + queue + "'");
                    }
                    queueKey = rs.getInt(1);
                    answerWithin = rs.getDouble(2);
                    shortAbandon = rs.getDouble(3);
                }
            }
            Double patience;
            try (PreparedStatement ps = c.prepareStatement("SELECT sum(ic.wait_s)::float8 / nullif(count(*) FILTER (WHERE ic.outcome = 'HANG'), 0) "
                    + "FROM inbound_call ic WHERE ic.queue_key = ? AND " + offered + range)) {
                bind(ps, queueKey, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    patience = (Double) rs.getObject(1);
                }
            }
            List<Raw> raws = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT date_trunc('hour', " + at + "), count(*), "
                    + "count(*) FILTER (WHERE ic.outcome = 'AGENT'), count(*) FILTER (WHERE ic.outcome = 'HANG'), "
                    + "count(*) FILTER (WHERE ic.outcome = 'AGENT' AND ic.wait_s <= ?), "
                    + "count(*) FILTER (WHERE ic.outcome = 'HANG' AND ic.wait_s < ?), "
                    + "count(DISTINCT ic.server) FILTER (WHERE ic.outcome = 'AGENT'), "
                    + "(avg(ic.service_s) FILTER (WHERE ic.outcome = 'AGENT' AND ic.service_s > 0))::float8 "
                    + "FROM inbound_call ic WHERE ic.queue_key = ? AND " + offered + range + " GROUP BY 1 ORDER BY 1")) {
                ps.setDouble(1, answerWithin);
                ps.setDouble(2, shortAbandon);
                int i = 3;
                ps.setInt(i++, queueKey);
                if (from != null) {
                    ps.setTimestamp(i++, Timestamp.valueOf(from.atStartOfDay()));
                }
                if (to != null) {
                    ps.setTimestamp(i, Timestamp.valueOf(to.atStartOfDay()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        raws.add(new Raw(rs.getTimestamp(1).toLocalDateTime(), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                                rs.getInt(5), rs.getInt(6), rs.getInt(7), (Double) rs.getObject(8)));
                    }
                }
            }
            List<Hour> hours = new ArrayList<>();
            for (Raw r : raws) {
                if (r.arrivals() < min || r.aht() == null || r.agents() == 0) {
                    continue;
                }
                double denominator = r.arrivals() - r.shortAbandons();
                double actualSl = denominator <= 0 ? 1.0 : r.answeredWithin() / denominator;
                double actualAbandon = (double) r.abandoned() / r.arrivals();
                QueueModel.Outcome erlangC = new QueueModel(r.arrivals(), r.aht(), 60, null).evaluate(r.agents(), answerWithin);
                QueueModel.Outcome erlangA = patience == null ? null
                        : new QueueModel(r.arrivals(), r.aht(), 60, patience).evaluate(r.agents(), answerWithin);
                hours.add(new Hour(r.hour(), r.arrivals(), r.handled(), r.abandoned(), r.agents(), r.aht(), actualSl, actualAbandon,
                        erlangC.serviceLevel(), erlangA == null ? null : erlangA.serviceLevel(),
                        erlangA == null ? null : erlangA.probAbandon()));
            }
            List<ModelError> errors = List.of(error("ERLANG_C", hours, true), error("ERLANG_A", hours, false));
            return new Result(queue, from, to, answerWithin, patience, min, errors, hours);
        } catch (SQLException e) {
            throw new IllegalStateException("Staffing backtest failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, int queueKey, LocalDate from, LocalDate to) throws SQLException {
        int i = 1;
        ps.setInt(i++, queueKey);
        if (from != null) {
            ps.setTimestamp(i++, Timestamp.valueOf(from.atStartOfDay()));
        }
        if (to != null) {
            ps.setTimestamp(i, Timestamp.valueOf(to.atStartOfDay()));
        }
    }

    static ModelError error(String model, List<Hour> hours, boolean erlangC) {
        double abs = 0;
        double signed = 0;
        double abandonAbs = 0;
        int n = 0;
        for (Hour h : hours) {
            Double sl = erlangC ? h.erlangCServiceLevel() : h.erlangAServiceLevel();
            Double abandon = erlangC ? Double.valueOf(0.0) : h.erlangAAbandonRate();
            if (sl == null || abandon == null) {
                continue;
            }
            abs += Math.abs(sl - h.actualServiceLevel());
            signed += sl - h.actualServiceLevel();
            abandonAbs += Math.abs(abandon - h.actualAbandonRate());
            n++;
        }
        return n == 0 ? new ModelError(model, 0, null, null, null)
                : new ModelError(model, n, abs / n, signed / n, abandonAbs / n);
    }
}
