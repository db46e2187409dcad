package io.callsight.common;

import java.time.DateTimeException;
import java.time.ZoneId;

/** Reads a time zone a person typed: an IANA name or an offset. */
public final class TimeZones {

    private TimeZones() {
    }

    /** {@code timeZone} as a zone, {@code fallback} when blank; BAD_INPUT when it names no zone. */
    public static ZoneId parse(String timeZone, ZoneId fallback) {
        if (timeZone == null || timeZone.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw new BadInputException("timeZone '" + timeZone + "' is not a time zone (use an IANA name like "
                    + "America/New_York, or an offset like +02:00)");
        }
    }
}
