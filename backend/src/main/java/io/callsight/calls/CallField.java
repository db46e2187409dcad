package io.callsight.calls;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a call as files name them. Header names are matched case-, space- and
 * punctuation-insensitively ({@code Call ID}, {@code call_sid}, {@code CALL-ID} are one name).
 */
public enum CallField {
    CALL_ID("call_id", true, "callid", "callsid", "sid", "calluuid", "callkey"),
    LEAD_ID("lead_id", true, "leadid", "lead", "leaduuid", "leadnumber"),
    CAMPAIGN_ID("campaign_id", true, "campaignid", "campaign", "campaigncode"),
    CAMPAIGN_NAME("campaign_name", false, "campaignname"),
    ADVERTISER_ID("advertiser_id", false, "advertiserid", "advertiser", "clientid", "buyerid"),
    ADVERTISER_NAME("advertiser_name", false, "advertisername", "clientname", "buyername"),
    HID("hid", false, "hid", "householdid", "hashid"),
    CALL_STATUS("call_status", true, "callstatus", "status", "callresult", "calloutcome"),
    LEAD_STATUS("lead_status", false, "leadstatus", "disposition", "dispo", "leaddisposition", "calldisposition"),
    AGENT_CALL_DURATION("agent_call_duration_s", false, "agentcallduration", "agentcalldurations",
            "agentcalldurationsec", "agentcalldurationseconds", "agentduration", "agentdurations",
            "handletime", "agenttime"),
    CUSTOMER_CALL_DURATION("customer_call_duration_s", false, "customercallduration", "customercalldurations",
            "customercalldurationsec", "customercalldurationseconds", "customerduration", "customerdurations",
            "talktime", "customertime"),
    FROM_NUMBER("from_number", false, "fromnumber", "from", "callerid", "callernumber", "fromphone"),
    TO_NUMBER("to_number", false, "tonumber", "to", "phone", "phonenumber", "dialednumber", "tophone"),
    ATTEMPT_NO("attempt_no", false, "attemptno", "attempt", "attemptnumber", "attemptnum", "attempts",
            "dialattempt"),
    LEAD_CREATED_AT("lead_created_at", false, "leadcreatedat", "leadcreated", "leadcreatedtime",
            "leadcreateddate", "leadcreationtime", "createdat", "created", "createdtime"),
    UPDATED_AT("updated_at", false, "updatedat", "updated", "updatedtime", "lastupdated", "modifiedat"),
    AGENT_ID("agent_id", false, "agentid", "agentcode", "userid"),
    AGENT_NAME("agent_name", false, "agentname", "agent", "username"),
    AGENT_TEAM("agent_team", false, "agentteam", "team"),
    CONNECTED("connected", false, "connected", "callconnected", "callconnectedstatus", "connectedstatus",
            "isconnected"),
    DIAL_TIME("dial_time", true, "dialtime", "calldialtime", "calltime", "dialedat", "calldate",
            "callstarttime", "starttime", "calldatetime", "dialdate"),
    /** The lead's ZIP code: its state and time zone for calling-hours rules and the lead's local hour (LeadLocation). */
    LEAD_ZIP("lead_zip", false, "leadzip", "zip", "zipcode", "zip5", "postalcode", "postcode", "leadzipcode",
            "leadpostalcode");

    /** The canonical name (as used in rejects and the JSON form). */
    public final String canonical;
    public final boolean required;
    private final List<String> synonyms;

    private static final Map<String, CallField> BY_KEY = new HashMap<>();

    static {
        for (CallField f : values()) {
            BY_KEY.put(normalise(f.canonical), f);
            for (String s : f.synonyms) {
                BY_KEY.put(s, f);
            }
        }
    }

    CallField(String canonical, boolean required, String... synonyms) {
        this.canonical = canonical;
        this.required = required;
        this.synonyms = List.of(synonyms);
    }

    /**
     * Fields of free text (names, teams, statuses as sent): scanned for personal data and stored masked, as the
     * unknown columns are. Ids, numbers (the phone numbers are declared as such), times and flags are not.
     */
    public boolean freeText() {
        return switch (this) {
            case CAMPAIGN_NAME, ADVERTISER_NAME, AGENT_NAME, AGENT_TEAM, CALL_STATUS, LEAD_STATUS -> true;
            default -> false;
        };
    }

    /** Lower case with everything but letters and digits removed. */
    public static String normalise(String header) {
        StringBuilder sb = new StringBuilder(header.length());
        for (char c : header.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The field a header names, or null when it names none. */
    public static CallField forHeader(String header) {
        String key = normalise(header);
        CallField f = BY_KEY.get(key);
        if (f == null && key.endsWith("s") && key.length() > 1) {
            f = BY_KEY.get(key.substring(0, key.length() - 1)); // "Agent Call Duration (s)"
        }
        if (f == null && key.endsWith("sec")) {
            f = BY_KEY.get(key.substring(0, key.length() - 3));
        }
        if (f == null && key.endsWith("seconds")) {
            f = BY_KEY.get(key.substring(0, key.length() - 7));
        }
        return f;
    }
}
