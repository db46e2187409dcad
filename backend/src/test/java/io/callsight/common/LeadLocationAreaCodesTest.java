package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every area code of the states with calling rules resolves to its state and zones. Two sources checked against each
 * other: a hand list of each state's area codes (NANPA's assignments by state, nationalnanpa.com area code maps,
 * written down for this test in 2026-12; the overlays that libphonenumber 9.0.23 misses were checked against the
 * state commissions' announcements: 728 Florida PSC 2022-01-07, 457 Louisiana PSC 2025, 483 Alabama PSC 2026) and
 * libphonenumber's own geocoder, walked over every area code 200-999. A new overlay of a ruled state in a
 * libphonenumber release fails the second test until the hand list names it; an area code the geocoder describes in a
 * new way (it said "Washington State" for six Washington codes) fails the first.
 */
class LeadLocationAreaCodesTest {

    private static final ZoneId EASTERN = ZoneId.of("America/New_York");
    private static final ZoneId CENTRAL = ZoneId.of("America/Chicago");
    private static final ZoneId MOUNTAIN = ZoneId.of("America/Denver");
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    /** The states with seeded rules (V076, V080) and their area codes. */
    private static final Map<String, Set<Integer>> AREA_CODES = Map.of(
            "FL", Set.of(239, 305, 321, 324, 352, 386, 407, 448, 561, 645, 656, 689, 727, 728, 754, 772, 786, 813, 850, 863,
                    904, 941, 954),
            "OK", Set.of(405, 539, 572, 580, 918),
            "MD", Set.of(227, 240, 301, 410, 443, 667),
            "TX", Set.of(210, 214, 254, 281, 325, 346, 361, 409, 430, 432, 469, 512, 682, 713, 726, 737, 806, 817, 830, 832,
                    903, 915, 936, 940, 945, 956, 972, 979),
            "WA", Set.of(206, 253, 360, 425, 509, 564),
            "RI", Set.of(401),
            "LA", Set.of(225, 318, 337, 457, 504, 985));

    /** The zones each state's numbers may be on (IANA): Florida's panhandle and El Paso on the other clock. */
    private static final Map<String, Set<ZoneId>> STATE_ZONES = Map.of("FL", Set.of(EASTERN, CENTRAL), "OK", Set.of(CENTRAL),
            "MD", Set.of(EASTERN), "TX", Set.of(CENTRAL, MOUNTAIN), "WA", Set.of(PACIFIC), "RI", Set.of(EASTERN), "LA",
            Set.of(CENTRAL));

    /** Every tenth exchange: the geocoder's data goes down to NPA-NXX, and a state is the same across them. */
    private static List<String> sampleNumbers(int npa) {
        List<String> out = new ArrayList<>();
        for (int nxx = 201; nxx <= 999; nxx += 10) {
            out.add("+1" + npa + nxx + "4321");
        }
        return out;
    }

    @Test
    void everyAreaCodeOfAStateWithRulesResolvesToThatState() {
        Map<String, List<String>> wrong = new TreeMap<>();
        AREA_CODES.forEach((state, npas) -> {
            for (int npa : npas) {
                for (String number : sampleNumbers(npa)) {
                    LeadLocation loc = LeadLocation.resolve(null, number);
                    boolean ok = loc.states().contains(state) && !loc.zones().isEmpty()
                            && STATE_ZONES.get(state).containsAll(loc.zones());
                    if (!ok) {
                        wrong.computeIfAbsent(state, k -> new ArrayList<>()).add(number + " -> " + loc);
                    }
                }
            }
        });
        assertThat(wrong).as("numbers that do not resolve to their state or resolve to a zone outside it").isEmpty();
        // the six Washington codes the geocoder describes as "Washington State"
        assertThat(LeadLocation.resolve(null, "(253) 555-0147").states()).containsExactly("WA");
        assertThat(LeadLocation.resolve(null, "+1 425 555 0100").zones()).containsExactly(PACIFIC);
        // Orlando's overlay is on Eastern time, not on the Central time libphonenumber 9.0.23 gives it
        assertThat(LeadLocation.resolve(null, "+1 689 555 0100").zones()).containsExactly(EASTERN);
        assertThat(LeadLocation.resolve(null, "+1 728 555 0100").states()).containsExactly("FL");
        assertThat(LeadLocation.resolve(null, "+1 457 555 0100").states()).containsExactly("LA");
        assertThat(LeadLocation.resolve(null, "+1 915 555 0100").zones()).containsExactly(MOUNTAIN);
    }

    @Test
    void theGeocoderPlacesEveryGeographicUsAreaCodeInAStateAndNoUnlistedOneInARuledState() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Map<Integer, String> unplaced = new TreeMap<>();
        Map<String, Set<Integer>> unlisted = new TreeMap<>();
        int geographic = 0;
        for (int npa = 200; npa <= 999; npa++) {
            PhoneNumber n = new PhoneNumber().setCountryCode(1).setNationalNumber(npa * 10_000_000L + 2_014_321L);
            if (!util.isValidNumber(n) || !"US".equals(util.getRegionCodeForNumber(n))
                    || PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(n).size() > 5) {
                continue; // not a US number, or a country-wide one (toll-free, 500, 900...)
            }
            geographic++;
            LeadLocation loc = LeadLocation.resolve(null, "+1" + npa + "2014321");
            if (loc.states().isEmpty()) {
                unplaced.put(npa, loc.toString());
            }
            for (String state : loc.states()) {
                if (AREA_CODES.containsKey(state) && !AREA_CODES.get(state).contains(npa)) {
                    unlisted.computeIfAbsent(state, k -> new TreeSet<>()).add(npa);
                }
            }
        }
        assertThat(geographic).as("US geographic area codes libphonenumber knows").isGreaterThan(300);
        assertThat(unplaced).as("area codes without a state").isEmpty();
        assertThat(unlisted).as("area codes of ruled states missing from the hand list").isEmpty();
    }

    @Test
    void anOverlayResolvesAsItsParentAndAgreesWithTheLibraryWhereTheLibraryKnowsTheState() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        LeadLocation.OVERLAY_PARENT.forEach((overlay, parent) -> {
            LeadLocation asOverlay = LeadLocation.resolve(null, "+1" + overlay + "2014321");
            LeadLocation asParent = LeadLocation.resolve(null, "+1" + parent + "2014321");
            assertThat(asOverlay.states()).as("%d as %d", overlay, parent).isEqualTo(asParent.states()).hasSize(1);
            assertThat(asOverlay.zones()).as("%d as %d", overlay, parent).isEqualTo(asParent.zones());
            PhoneNumber raw = new PhoneNumber().setCountryCode(1).setNationalNumber(overlay * 10_000_000L + 2_014_321L);
            String own = util.isValidNumber(raw) ? LeadLocation.stateOf(
                    com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder.getInstance()
                            .getDescriptionForNumber(raw, java.util.Locale.ENGLISH)) : null;
            if (own != null) {
                assertThat(own).as("the library's own state for %d", overlay).isEqualTo(asParent.states().get(0));
            }
        });
    }

    @Test
    void geocoderDescriptionsWithAQualifiedStateName() {
        assertThat(LeadLocation.stateOf("Washington State")).isEqualTo("WA");
        assertThat(LeadLocation.stateOf("Washington D.C.")).isEqualTo("DC");
        assertThat(LeadLocation.stateOf("Tacoma, WA")).isEqualTo("WA");
        assertThat(LeadLocation.stateOf("New York State")).isEqualTo("NY");
        assertThat(LeadLocation.stateOf("United States")).isNull();
        assertThat(LeadLocation.stateOf("Philadelphia")).isNull();
    }
}
