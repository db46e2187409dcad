package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The lead's state and time zones from its ZIP code and phone number (no database). */
class LeadLocationTest {

    private static final ZoneId EASTERN = ZoneId.of("America/New_York");
    private static final ZoneId CENTRAL = ZoneId.of("America/Chicago");
    private static final ZoneId MOUNTAIN = ZoneId.of("America/Denver");
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    @Test
    void phoneNumbersGiveTheirAreaCodesStateAndZone() {
        LeadLocation california = LeadLocation.resolve(null, "+1 650 555 1234");
        assertThat(california.states()).containsExactly("CA");
        assertThat(california.zones()).containsExactly(PACIFIC);
        assertThat(california.primaryZone()).contains(PACIFIC);
        assertThat(california.source()).isEqualTo("phone");
        assertThat(california.ambiguous()).isFalse();

        // As dialers log them: national format, no country code.
        LeadLocation newYork = LeadLocation.resolve("", "(212) 555-0147");
        assertThat(newYork.states()).containsExactly("NY");
        assertThat(newYork.zones()).containsExactly(EASTERN);
        // El Paso's area code is in Texas but on Mountain time.
        LeadLocation elPaso = LeadLocation.resolve(null, "915-555-1234");
        assertThat(elPaso.states()).containsExactly("TX");
        assertThat(elPaso.zones()).containsExactly(MOUNTAIN);
    }

    @Test
    void anAreaCodeAcrossTwoZonesHasBothAndTheCheckMustHoldInEach() {
        // Idaho's 208: the south on Mountain time, the panhandle on Pacific.
        LeadLocation idaho = LeadLocation.resolve(null, "+12085550100");
        assertThat(idaho.states()).containsExactly("ID");
        assertThat(idaho.zones()).containsExactlyInAnyOrder(ZoneId.of("America/Boise"), PACIFIC);
        assertThat(idaho.ambiguous()).isTrue();
        // 8:30 in Boise is 7:30 in Coeur d'Alene: a calling-hours check sees both clocks.
        Instant at = Instant.parse("2026-06-15T14:30:00Z");
        assertThat(idaho.localTimes(at)).extracting(t -> t.toLocalTime()).containsExactlyInAnyOrder(LocalTime.of(8, 30), LocalTime.of(7, 30));
    }

    @Test
    void zipCodesOfAStateSplitAcrossTwoZonesGetTheirOwnZone() {
        LeadLocation miami = LeadLocation.resolve("33101", null);
        LeadLocation pensacola = LeadLocation.resolve("32501", null);
        assertThat(miami.states()).containsExactly("FL");
        assertThat(pensacola.states()).containsExactly("FL");
        assertThat(miami.zones()).containsExactly(EASTERN);
        assertThat(pensacola.zones()).containsExactly(CENTRAL);
        assertThat(pensacola.source()).isEqualTo("zip");
        // Tennessee: Nashville Central, Knoxville Eastern.
        assertThat(LeadLocation.resolve("37203", null).zones()).containsExactly(CENTRAL);
        assertThat(LeadLocation.resolve("37902-1234", null).zones()).containsExactly(EASTERN);
        // A ZIP3 on the line (Goodland, Kansas): both zones.
        LeadLocation goodland = LeadLocation.resolve("67735", null);
        assertThat(goodland.states()).containsExactly("KS");
        assertThat(goodland.zones()).containsExactly(CENTRAL, MOUNTAIN);
        assertThat(goodland.ambiguous()).isTrue();
        // Zones keep their own rules: Arizona does not change clocks in summer.
        assertThat(LeadLocation.resolve("85004", null).zones()).containsExactly(ZoneId.of("America/Phoenix"));
        assertThat(LeadLocation.resolve("96813", null).zones()).containsExactly(ZoneId.of("Pacific/Honolulu"));
        assertThat(LeadLocation.resolve("00901", null).states()).containsExactly("PR");
    }

    @Test
    void zipAndPhoneBothCountTheZipFirst() {
        // Lives in Miami, kept a Los Angeles mobile number.
        LeadLocation moved = LeadLocation.resolve("33101", "+13105550100");
        assertThat(moved.states()).containsExactly("FL", "CA");
        assertThat(moved.zones()).containsExactly(EASTERN, PACIFIC);
        assertThat(moved.primaryZone()).contains(EASTERN);
        assertThat(moved.source()).isEqualTo("zip+phone");
        // Agreeing sources give one zone.
        assertThat(LeadLocation.resolve("10001", "+12125550100").zones()).containsExactly(EASTERN);
    }

    @Test
    void zipCodesAsFilesGiveThem() {
        assertThat(LeadLocation.zip("02134")).isEqualTo("02134");
        assertThat(LeadLocation.zip(" 2134 ")).isEqualTo("02134");
        assertThat(LeadLocation.zip("2134.0")).isEqualTo("02134");
        assertThat(LeadLocation.zip("30301-1234")).isEqualTo("30301");
        assertThat(LeadLocation.zip("0")).isNull();
        assertThat(LeadLocation.zip("-----")).isNull();
        assertThat(LeadLocation.zip("SW1A 1AA")).isNull();
        assertThat(LeadLocation.resolve("2134", null).states()).containsExactly("MA");
        // Military (APO AE) and unassigned prefixes are no place.
        assertThat(LeadLocation.resolve("09012", null).known()).isFalse();
        assertThat(LeadLocation.resolve("00000", null).known()).isFalse();
    }

    @Test
    void whatSaysNothingAboutThePlaceResolvesToNothing() {
        LeadLocation none = LeadLocation.resolve(null, null);
        assertThat(none.known()).isFalse();
        assertThat(none.states()).isEmpty();
        assertThat(none.primaryZone()).isEmpty();
        assertThat(none.source()).isEqualTo("none");
        // Toll-free numbers are country-wide; garbage is garbage.
        assertThat(LeadLocation.resolve(null, "+18005550100").known()).isFalse();
        assertThat(LeadLocation.resolve(null, "not a number").known()).isFalse();
        assertThat(LeadLocation.resolve(null, "555").known()).isFalse();
    }

    @Test
    void localTimesFollowDaylightSavingChanges() {
        LeadLocation newYork = LeadLocation.resolve("10001", null);
        // 2026-03-08: clocks go forward at 02:00 in New York. 13:30 UTC is 09:30 EDT that day, 08:30 EST the day before.
        assertThat(newYork.localTimes(Instant.parse("2026-03-08T13:30:00Z")).get(0).toLocalTime()).isEqualTo(LocalTime.of(9, 30));
        assertThat(newYork.localTimes(Instant.parse("2026-03-07T13:30:00Z")).get(0).toLocalTime()).isEqualTo(LocalTime.of(8, 30));
        // Phoenix does not change: 13:30 UTC is 06:30 both days.
        LeadLocation phoenix = LeadLocation.resolve("85004", null);
        assertThat(phoenix.localTimes(Instant.parse("2026-03-08T13:30:00Z")).get(0).toLocalTime()).isEqualTo(LocalTime.of(6, 30));
        assertThat(phoenix.localTimes(Instant.parse("2026-03-07T13:30:00Z")).get(0).toLocalTime()).isEqualTo(LocalTime.of(6, 30));
    }

    @Test
    void geocoderDescriptionsGiveStates() {
        assertThat(LeadLocation.stateOf("New York, NY")).isEqualTo("NY");
        assertThat(LeadLocation.stateOf("Florida")).isEqualTo("FL");
        assertThat(LeadLocation.stateOf("Mountain View, CA")).isEqualTo("CA");
        assertThat(LeadLocation.stateOf("")).isNull();
        assertThat(LeadLocation.stateOf("Ontario")).isNull();
        assertThat(LeadLocation.stateNames()).containsEntry("washington", "WA");
    }
}
