package io.callsight.reports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A window [from, to) cut into whole working days [fromDay, toDay) in a time zone and the partial
 * days at its ends. Null bounds are open. Pure.
 */
record DaySplit(LocalDate fromDay, LocalDate toDay, List<OffsetDateTime[]> edges, boolean interior) {

    /** No whole days from a rollup: the whole window from the call fact. */
    static DaySplit none(OffsetDateTime from, OffsetDateTime to) {
        List<OffsetDateTime[]> edges = new ArrayList<>();
        edges.add(new OffsetDateTime[] {from, to});
        return new DaySplit(null, null, edges, false);
    }

    static DaySplit of(OffsetDateTime from, OffsetDateTime to, ZoneId zone) {
        LocalDate fromDay = null;
        LocalDate toDay = null;
        if (from != null) {
            ZonedDateTime z = from.atZoneSameInstant(zone);
            LocalDate d = z.toLocalDate();
            fromDay = z.toInstant().equals(d.atStartOfDay(zone).toInstant()) ? d : d.plusDays(1);
        }
        if (to != null) {
            toDay = to.atZoneSameInstant(zone).toLocalDate();
        }
        List<OffsetDateTime[]> edges = new ArrayList<>();
        if (fromDay != null && toDay != null && !fromDay.isBefore(toDay)) {
            edges.add(new OffsetDateTime[] {from, to}); // shorter than a working day: all from the call fact
            return new DaySplit(null, null, edges, false);
        }
        if (from != null) {
            OffsetDateTime dayStart = fromDay.atStartOfDay(zone).toOffsetDateTime();
            if (from.isBefore(dayStart)) {
                edges.add(new OffsetDateTime[] {from, dayStart});
            }
        }
        if (to != null) {
            OffsetDateTime dayStart = toDay.atStartOfDay(zone).toOffsetDateTime();
            if (dayStart.isBefore(to)) {
                edges.add(new OffsetDateTime[] {dayStart, to});
            }
        }
        return new DaySplit(fromDay, toDay, edges, true);
    }
}
