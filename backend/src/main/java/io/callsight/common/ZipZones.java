package io.callsight.common;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * US ZIP codes to their state and time zone(s), by the first three digits (ZIP3).
 *
 * <p>Sources: the USPS allocation of ZIP3 prefixes to states (USPS Publication 65 / the National Five-Digit ZIP
 * Code and Post Office Directory; military AA/AE/AP prefixes and unassigned ones are not places and resolve to
 * nothing) and the IANA time zone database for each state's zones. Where a state spans two zones, the ZIP3s of
 * the part on the other clock are listed in {@link #SPLIT}; a ZIP3 that itself straddles the line lists both
 * zones (the caller checks all: the strictest decides). Review this table when USPS reassigns prefixes
 * (rare) or a county changes zone (rarer still; the IANA zones carry their own DST history).
 */
final class ZipZones {

    record Entry(String state, List<ZoneId> zones) {
    }

    private ZipZones() {
    }

    private static final String EASTERN = "America/New_York";
    private static final String CENTRAL = "America/Chicago";
    private static final String MOUNTAIN = "America/Denver";
    private static final String PACIFIC = "America/Los_Angeles";

    /** Lower-case state and territory names to their two-letter codes (also what the phone geocoder prints). */
    static final Map<String, String> STATE_NAMES = Map.ofEntries(
            Map.entry("alabama", "AL"), Map.entry("alaska", "AK"), Map.entry("arizona", "AZ"), Map.entry("arkansas", "AR"),
            Map.entry("california", "CA"), Map.entry("colorado", "CO"), Map.entry("connecticut", "CT"),
            Map.entry("delaware", "DE"), Map.entry("district of columbia", "DC"), Map.entry("washington d.c.", "DC"),
            Map.entry("washington, d.c.", "DC"), Map.entry("florida", "FL"), Map.entry("georgia", "GA"),
            Map.entry("hawaii", "HI"), Map.entry("idaho", "ID"), Map.entry("illinois", "IL"), Map.entry("indiana", "IN"),
            Map.entry("iowa", "IA"), Map.entry("kansas", "KS"), Map.entry("kentucky", "KY"), Map.entry("louisiana", "LA"),
            Map.entry("maine", "ME"), Map.entry("maryland", "MD"), Map.entry("massachusetts", "MA"),
            Map.entry("michigan", "MI"), Map.entry("minnesota", "MN"), Map.entry("mississippi", "MS"),
            Map.entry("missouri", "MO"), Map.entry("montana", "MT"), Map.entry("nebraska", "NE"), Map.entry("nevada", "NV"),
            Map.entry("new hampshire", "NH"), Map.entry("new jersey", "NJ"), Map.entry("new mexico", "NM"),
            Map.entry("new york", "NY"), Map.entry("north carolina", "NC"), Map.entry("north dakota", "ND"),
            Map.entry("ohio", "OH"), Map.entry("oklahoma", "OK"), Map.entry("oregon", "OR"),
            Map.entry("pennsylvania", "PA"), Map.entry("rhode island", "RI"), Map.entry("south carolina", "SC"),
            Map.entry("south dakota", "SD"), Map.entry("tennessee", "TN"), Map.entry("texas", "TX"), Map.entry("utah", "UT"),
            Map.entry("vermont", "VT"), Map.entry("virginia", "VA"), Map.entry("washington", "WA"),
            Map.entry("west virginia", "WV"), Map.entry("wisconsin", "WI"), Map.entry("wyoming", "WY"),
            Map.entry("puerto rico", "PR"), Map.entry("u.s. virgin islands", "VI"), Map.entry("guam", "GU"),
            Map.entry("american samoa", "AS"), Map.entry("northern mariana islands", "MP"));

    /** Each state's zone (the zone of most of it). */
    private static final Map<String, String> STATE_ZONE = Map.ofEntries(
            Map.entry("CT", EASTERN), Map.entry("DC", EASTERN), Map.entry("DE", EASTERN), Map.entry("FL", EASTERN),
            Map.entry("GA", EASTERN), Map.entry("MA", EASTERN), Map.entry("MD", EASTERN), Map.entry("ME", EASTERN),
            Map.entry("NC", EASTERN), Map.entry("NH", EASTERN), Map.entry("NJ", EASTERN), Map.entry("NY", EASTERN),
            Map.entry("OH", EASTERN), Map.entry("PA", EASTERN), Map.entry("RI", EASTERN), Map.entry("SC", EASTERN),
            Map.entry("VA", EASTERN), Map.entry("VT", EASTERN), Map.entry("WV", EASTERN),
            Map.entry("MI", "America/Detroit"), Map.entry("IN", "America/Indiana/Indianapolis"),
            Map.entry("KY", "America/Kentucky/Louisville"),
            Map.entry("AL", CENTRAL), Map.entry("AR", CENTRAL), Map.entry("IA", CENTRAL), Map.entry("IL", CENTRAL),
            Map.entry("KS", CENTRAL), Map.entry("LA", CENTRAL), Map.entry("MN", CENTRAL), Map.entry("MO", CENTRAL),
            Map.entry("MS", CENTRAL), Map.entry("ND", CENTRAL), Map.entry("NE", CENTRAL), Map.entry("OK", CENTRAL),
            Map.entry("SD", CENTRAL), Map.entry("TN", CENTRAL), Map.entry("TX", CENTRAL), Map.entry("WI", CENTRAL),
            Map.entry("CO", MOUNTAIN), Map.entry("MT", MOUNTAIN), Map.entry("NM", MOUNTAIN), Map.entry("UT", MOUNTAIN),
            Map.entry("WY", MOUNTAIN), Map.entry("ID", "America/Boise"), Map.entry("AZ", "America/Phoenix"),
            Map.entry("CA", PACIFIC), Map.entry("NV", PACIFIC), Map.entry("OR", PACIFIC), Map.entry("WA", PACIFIC),
            Map.entry("AK", "America/Anchorage"), Map.entry("HI", "Pacific/Honolulu"), Map.entry("PR", "America/Puerto_Rico"),
            Map.entry("VI", "America/St_Thomas"), Map.entry("GU", "Pacific/Guam"));

    /** ZIP3 ranges (inclusive) of each state, USPS allocation. */
    private static final Object[][] RANGES = {
            {"NY", 5, 5}, {"PR", 6, 7}, {"VI", 8, 8}, {"PR", 9, 9}, {"MA", 10, 27}, {"RI", 28, 29}, {"NH", 30, 38},
            {"ME", 39, 49}, {"VT", 50, 54}, {"MA", 55, 55}, {"VT", 56, 59}, {"CT", 60, 69}, {"NJ", 70, 89},
            {"NY", 100, 149}, {"PA", 150, 196}, {"DE", 197, 199}, {"DC", 200, 200}, {"VA", 201, 201}, {"DC", 202, 205},
            {"MD", 206, 219}, {"VA", 220, 246}, {"WV", 247, 268}, {"NC", 270, 289}, {"SC", 290, 299}, {"GA", 300, 319},
            {"FL", 320, 339}, {"FL", 341, 349}, {"AL", 350, 369}, {"TN", 370, 385}, {"MS", 386, 397}, {"GA", 398, 399},
            {"KY", 400, 427}, {"OH", 430, 459}, {"IN", 460, 479}, {"MI", 480, 499}, {"IA", 500, 528}, {"WI", 530, 549},
            {"MN", 550, 567}, {"DC", 569, 569}, {"SD", 570, 577}, {"ND", 580, 588}, {"MT", 590, 599}, {"IL", 600, 629},
            {"MO", 630, 658}, {"KS", 660, 679}, {"NE", 680, 693}, {"LA", 700, 714}, {"AR", 716, 729}, {"OK", 730, 732},
            {"TX", 733, 733}, {"OK", 734, 749}, {"TX", 750, 799}, {"CO", 800, 816}, {"WY", 820, 831}, {"ID", 832, 838},
            {"UT", 840, 847}, {"AZ", 850, 865}, {"NM", 870, 884}, {"TX", 885, 885}, {"NV", 889, 898}, {"CA", 900, 961},
            {"HI", 967, 968}, {"GU", 969, 969}, {"OR", 970, 979}, {"WA", 980, 994}, {"AK", 995, 999},
    };

    /** ZIP3s on another clock than their state's (first zone = where most of the ZIP3 is). */
    private static final Map<Integer, List<String>> SPLIT = Map.ofEntries(
            // Florida's panhandle west of the Apalachicola: Panama City, Pensacola.
            Map.entry(324, List.of(CENTRAL)), Map.entry(325, List.of(CENTRAL)),
            // East Tennessee: Chattanooga, Johnson City, Knoxville.
            Map.entry(373, List.of(EASTERN)), Map.entry(374, List.of(EASTERN)), Map.entry(376, List.of(EASTERN)),
            Map.entry(377, List.of(EASTERN)), Map.entry(378, List.of(EASTERN)), Map.entry(379, List.of(EASTERN)),
            // Western Kentucky: Paducah, Bowling Green, Owensboro, Henderson.
            Map.entry(420, List.of(CENTRAL)), Map.entry(421, List.of(CENTRAL)), Map.entry(422, List.of(CENTRAL)),
            Map.entry(423, List.of(CENTRAL)), Map.entry(424, List.of(CENTRAL)),
            // Indiana's Chicago and Evansville corners.
            Map.entry(463, List.of(CENTRAL)), Map.entry(464, List.of(CENTRAL)), Map.entry(476, List.of(CENTRAL)),
            Map.entry(477, List.of(CENTRAL)),
            // Michigan's Upper Peninsula counties on Central time.
            Map.entry(498, List.of("America/Menominee", "America/Detroit")), Map.entry(499, List.of("America/Detroit", "America/Menominee")),
            // South-western North Dakota, western South Dakota and Nebraska's panhandle: Mountain.
            Map.entry(586, List.of(MOUNTAIN, "America/North_Dakota/Center")), Map.entry(577, List.of(MOUNTAIN)),
            Map.entry(693, List.of(MOUNTAIN)),
            // Kansas's western border counties.
            Map.entry(677, List.of(CENTRAL, MOUNTAIN)), Map.entry(678, List.of(CENTRAL, MOUNTAIN)),
            // El Paso and Hudspeth counties.
            Map.entry(798, List.of(MOUNTAIN)), Map.entry(799, List.of(MOUNTAIN)), Map.entry(885, List.of(MOUNTAIN)),
            // North Idaho (Lewiston, Coeur d'Alene): Pacific.
            Map.entry(835, List.of(PACIFIC)), Map.entry(838, List.of(PACIFIC)),
            // Malheur County, Oregon: Mountain.
            Map.entry(979, List.of("America/Boise", PACIFIC)),
            // The Navajo Nation in Arizona keeps daylight saving time.
            Map.entry(865, List.of("America/Phoenix", MOUNTAIN)),
            // The Aleutians west of 169.5 W.
            Map.entry(996, List.of("America/Anchorage", "America/Adak")));

    private static final Map<Integer, Entry> BY_ZIP3 = build();

    private static Map<Integer, Entry> build() {
        Map<Integer, Entry> byZip3 = new HashMap<>();
        for (Object[] r : RANGES) {
            String state = (String) r[0];
            for (int z = (Integer) r[1]; z <= (Integer) r[2]; z++) {
                List<String> ids = SPLIT.getOrDefault(z, List.of(STATE_ZONE.get(state)));
                byZip3.put(z, new Entry(state, ids.stream().map(ZoneId::of).toList()));
            }
        }
        return Map.copyOf(byZip3);
    }

    /**
     * The 5-digit ZIP of a value as files give it: {@code 12345}, {@code 12345-6789}, {@code 12345 6789}, or four
     * digits whose leading zero a spreadsheet dropped ({@code 2134} is 02134). Null when it is none of those.
     */
    static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2); // a number cell: 2134.0
        }
        if (s.matches("\\d{5}([- ]?\\d{4})?")) {
            return s.substring(0, 5);
        }
        if (s.matches("\\d{4}")) {
            return "0" + s;
        }
        return null;
    }

    static Optional<Entry> lookup(String rawZip) {
        String zip = normalize(rawZip);
        if (zip == null || "00000".equals(zip)) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_ZIP3.get(Integer.parseInt(zip.substring(0, 3))));
    }
}
