package io.callsight.calls;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;

import io.callsight.common.LeadLocation;
import io.callsight.common.StoredText;

/**
 * Turns a raw record into a staged row (one line of the COPY stream into the batch's staging table):
 * either every field read and checked, or a reject naming the first bad field, its value and why.
 */
public final class CallValidator {

    /** Staging table columns, in COPY order. */
    public static final String STAGE_COLUMNS = "line, ok, call_id, lead_id, campaign_id, campaign_name, advertiser_id, "
            + "advertiser_name, agent_id, agent_name, agent_team, hid, call_status, lead_status, agent_s, cust_s, "
            + "from_number, to_number, attempt_no, lead_created_at, updated_at, connected, dial_time, "
            + "reject_field, reject_value, reject_reason, raw_row, lead_zip";

    private final ZoneId zone;
    private final StatusNormalizer statuses;
    private final DimensionMembers members;

    public CallValidator(ZoneId zone, StatusNormalizer statuses) {
        this(zone, statuses, null);
    }

    CallValidator(ZoneId zone, StatusNormalizer statuses, DimensionMembers members) {
        this.zone = zone;
        this.statuses = statuses;
        this.members = members;
    }

    /** Outcome of one record. */
    public record Result(boolean ok, String field, String value, String reason) {
        static final Result OK = new Result(true, null, null, null);
    }

    private static final class Reject extends RuntimeException {
        final String field;
        final String value;

        Reject(String field, String value, String reason) {
            super(reason, null, false, false);
            this.field = field;
            this.value = value;
        }
    }

    /** The fields of a record that passed every check, parsed. */
    private record Checked(String callId, String leadId, String campaignId, String callStatus, Instant dialTime,
            Double agentS, Double custS, Integer attempt, Instant leadCreated, Instant updated, Boolean connected,
            String zip) {
    }

    /**
     * Validates {@code rec} and appends its staging line (CSV, newline-terminated) to {@code out}.
     */
    public Result stage(RawCall rec, StringBuilder out) {
        int start = out.length();
        try {
            appendAccepted(out, rec, check(rec));
            return Result.OK;
        } catch (Reject r) {
            out.setLength(start);
            appendRejected(out, rec, r);
            return new Result(false, r.field, r.value, r.getMessage());
        }
    }

    /** The fields stored in a unique index (the agent's name stands for a missing agent id). */
    private static final CallField[] IDENTIFIERS = {CallField.CALL_ID, CallField.LEAD_ID, CallField.CAMPAIGN_ID,
        CallField.ADVERTISER_ID, CallField.AGENT_ID, CallField.AGENT_NAME};

    /** Reads and checks the fields in a fixed order; the first bad one throws its {@link Reject}. */
    private Checked check(RawCall rec) {
        if (rec.structuralError() != null) {
            throw new Reject(null, null, rec.structuralError());
        }
        String callId = required(rec, CallField.CALL_ID);
        String leadId = required(rec, CallField.LEAD_ID);
        String campaignId = required(rec, CallField.CAMPAIGN_ID);
        for (CallField f : IDENTIFIERS) {
            String v = trim(rec.get(f));
            if (StoredText.tooLong(v)) {
                throw new Reject(f.canonical, v, f.canonical + " is " + StoredText.TOO_LONG);
            }
        }
        String callStatusRaw = required(rec, CallField.CALL_STATUS);
        String dialRaw = required(rec, CallField.DIAL_TIME);
        Instant dialTime = time(CallField.DIAL_TIME, dialRaw);
        Double agentS = duration(rec, CallField.AGENT_CALL_DURATION);
        Double custS = duration(rec, CallField.CUSTOMER_CALL_DURATION);
        if (agentS != null && custS != null && custS > agentS) {
            throw new Reject(CallField.CUSTOMER_CALL_DURATION.canonical, rec.get(CallField.CUSTOMER_CALL_DURATION),
                    "customer call duration (" + fmt(custS) + " s) is longer than the agent call duration ("
                            + fmt(agentS) + " s); the agent's time includes the customer's");
        }
        Integer attempt = attempt(rec);
        Instant leadCreated = optionalTime(rec, CallField.LEAD_CREATED_AT);
        Instant updated = optionalTime(rec, CallField.UPDATED_AT);
        return new Checked(callId, leadId, campaignId, callStatusRaw, dialTime, agentS, custS, attempt, leadCreated,
                updated, connected(rec), zip(rec));
    }

    /** Values files put in an empty ZIP column: no ZIP, not a bad one. */
    private static final Pattern NO_ZIP = Pattern.compile("(?i)0+|-+|n/?a|none|null|unknown");

    private static String zip(RawCall rec) {
        String raw = trim(rec.get(CallField.LEAD_ZIP));
        if (raw == null || NO_ZIP.matcher(raw).matches()) {
            return null;
        }
        String zip = LeadLocation.zip(raw);
        if (zip == null) {
            throw new Reject(CallField.LEAD_ZIP.canonical, raw,
                    "lead_zip is not a US ZIP code (12345 or 12345-6789)");
        }
        return zip;
    }

    private static Integer attempt(RawCall rec) {
        String raw = rec.get(CallField.ATTEMPT_NO);
        if (raw == null) {
            return null;
        }
        try {
            return FieldParsers.attemptNumber(raw);
        } catch (IllegalArgumentException e) {
            throw new Reject(CallField.ATTEMPT_NO.canonical, raw, "attempt number " + e.getMessage());
        }
    }

    private static Boolean connected(RawCall rec) {
        String raw = rec.get(CallField.CONNECTED);
        if (raw == null) {
            return null;
        }
        try {
            return FieldParsers.connected(raw);
        } catch (IllegalArgumentException e) {
            throw new Reject(CallField.CONNECTED.canonical, raw, e.getMessage());
        }
    }

    /** The staging line of an accepted record; also gathers its dimension members. */
    private void appendAccepted(StringBuilder out, RawCall rec, Checked f) {
        String agentName = trim(rec.get(CallField.AGENT_NAME));
        String agentId = trim(rec.get(CallField.AGENT_ID));
        if (agentId == null) {
            agentId = agentName; // a name alone identifies the agent
        }
        String campaignName = trim(rec.get(CallField.CAMPAIGN_NAME));
        String advertiserId = trim(rec.get(CallField.ADVERTISER_ID));
        String advertiserName = trim(rec.get(CallField.ADVERTISER_NAME));
        String agentTeam = trim(rec.get(CallField.AGENT_TEAM));
        out.append(rec.line()).append(",t,");
        text(out, f.callId());
        text(out, f.leadId());
        text(out, f.campaignId());
        text(out, campaignName);
        text(out, advertiserId);
        text(out, advertiserName);
        text(out, agentId);
        text(out, agentName);
        text(out, agentTeam);
        text(out, trim(rec.get(CallField.HID)));
        text(out, statuses.callStatus(f.callStatus()));
        text(out, statuses.leadStatus(rec.get(CallField.LEAD_STATUS)));
        plain(out, f.agentS() == null ? null : fmt(f.agentS()));
        plain(out, f.custS() == null ? null : fmt(f.custS()));
        text(out, trim(rec.get(CallField.FROM_NUMBER)));
        text(out, trim(rec.get(CallField.TO_NUMBER)));
        plain(out, f.attempt() == null ? null : f.attempt().toString());
        plain(out, f.leadCreated() == null ? null : f.leadCreated().toString());
        plain(out, f.updated() == null ? null : f.updated().toString());
        plain(out, f.connected() == null ? null : f.connected() ? "t" : "f");
        plain(out, f.dialTime().toString());
        out.append(",,,,"); // no reject, no raw row
        if (f.zip() != null) {
            out.append(f.zip()); // five digits
        }
        out.append('\n');
        if (members != null) {
            members.add(advertiserId, advertiserName, f.campaignId(), campaignName, agentId, agentName, agentTeam);
        }
    }

    /** The staging line of a rejected record: its line, call id, the reject and the raw row. */
    private static void appendRejected(StringBuilder out, RawCall rec, Reject r) {
        out.append(rec.line()).append(",f,");
        text(out, clip(trim(rec.get(CallField.CALL_ID))));
        out.append(",,,,,,,,,,,,,,,,,,,,");
        text(out, r.field);
        text(out, clip(r.value));
        text(out, r.getMessage());
        quoted(out, clip(rec.raw()));
        out.append(",\n"); // no ZIP
    }

    private static String clip(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static String required(RawCall rec, CallField f) {
        String v = trim(rec.get(f));
        if (v == null) {
            throw new Reject(f.canonical, "", f.canonical + " is required");
        }
        return v;
    }

    private Instant time(CallField f, String raw) {
        try {
            return FieldParsers.timestamp(raw, zone);
        } catch (IllegalArgumentException e) {
            throw new Reject(f.canonical, raw, f.canonical + " is " + e.getMessage());
        } catch (DateTimeException e) {
            throw new Reject(f.canonical, raw, f.canonical + " is not a valid date or time: " + e.getMessage());
        }
    }

    private Instant optionalTime(RawCall rec, CallField f) {
        String raw = trim(rec.get(f));
        return raw == null ? null : time(f, raw);
    }

    private static Double duration(RawCall rec, CallField f) {
        String raw = trim(rec.get(f));
        if (raw == null) {
            return null;
        }
        try {
            return FieldParsers.durationSeconds(raw);
        } catch (IllegalArgumentException e) {
            throw new Reject(f.canonical, raw, f.canonical + " " + (e.getMessage().startsWith("must")
                    ? e.getMessage() : "is " + e.getMessage()));
        }
    }

    /** Appends a text value (quoted, so an empty string stays distinct from null) and a comma. */
    private static void text(StringBuilder out, String v) {
        if (v != null) {
            quoted(out, v);
        }
        out.append(',');
    }

    private static void plain(StringBuilder out, String v) {
        if (v != null) {
            out.append(v);
        }
        out.append(',');
    }

    private static void quoted(StringBuilder out, String v) {
        if (v == null) {
            return;
        }
        out.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            if (c != 0) {
                out.append(c);
            }
        }
        out.append('"');
    }
}
