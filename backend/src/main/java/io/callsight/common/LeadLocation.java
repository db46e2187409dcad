package io.callsight.common;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a lead is and which clock it lives by, from its ZIP code and its phone number: the US state(s)
 * and the candidate time zones. Calling-hours rules check every candidate zone (where it is ambiguous,
 * the strictest zone decides); the model of the lead's local hour uses {@link #primaryZone()}.
 *
 * <p>Phone numbers: libphonenumber's time-zone mapping ({@link PhoneNumberToTimeZonesMapper}) and its
 * offline geocoder for the state of the area code (both maintained with libphonenumber's releases). A number
 * libphonenumber maps to a whole country (toll-free 800, non-geographic) says nothing about the lead.
 * ZIP codes: {@link ZipZones} (USPS ZIP3 allocation to states, IANA zones, the split states' ZIP3s per zone).
 * Both sources count: a mobile number keeps its area code after a move, so a lead with a ZIP in Florida and a
 * California number has the zones of both.
 */
public final class LeadLocation {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "US";
    /** A geocoder description that ends in a state code ("New York, NY") or is a state's name ("Florida"). */
    private static final Pattern STATE_SUFFIX = Pattern.compile(",\\s*([A-Z]{2})$");
    /** A number libphonenumber maps to this many zones or more is not a place (toll-free, non-geographic). */
    private static final int COUNTRY_WIDE = 6;
    private static final LeadLocation NONE = new LeadLocation(List.of(), List.of(), null, "none");

    private final List<String> states;
    private final List<ZoneId> zones;
    private final ZoneId primary;
    private final String source;

    private LeadLocation(List<String> states, List<ZoneId> zones, ZoneId primary, String source) {
        this.states = List.copyOf(states);
        this.zones = List.copyOf(zones);
        this.primary = primary;
        this.source = source;
    }

    /** Locations by {@link #cacheKey}: resolution is a pure function of the ZIP and the number's prefix. */
    private static final Map<String, LeadLocation> CACHE = new ConcurrentHashMap<>();
    /** Entries kept at most (a few hundred bytes each); the cache starts over beyond. */
    private static final int MAX_CACHED = 200_000;

    /**
     * {@link #resolve}, cached for the whole process: resolving a number costs tens of microseconds, and the
     * compliance check, its re-checks, the contact model and the next-attempt export ask for the same few prefixes
     * again and again.
     */
    public static LeadLocation cached(String zip, String phoneNumber) {
        String key = cacheKey(zip, phoneNumber);
        LeadLocation loc = CACHE.get(key);
        if (loc == null) {
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear();
            }
            loc = resolve(zip, phoneNumber);
            CACHE.put(key, loc);
        }
        return loc;
    }

    /**
     * What a location depends on: the ZIP and, for a North American number, its +1 NPA-NXX (libphonenumber's
     * geocoder and time-zone data go no deeper than that prefix); other numbers whole.
     */
    static String cacheKey(String zip, String number) {
        String z = zip == null ? "" : zip.strip();
        if (number == null) {
            return z + "|";
        }
        StringBuilder digits = new StringBuilder(16);
        for (int i = 0; i < number.length(); i++) {
            char ch = number.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digits.append(ch);
            }
        }
        boolean plus = number.strip().startsWith("+");
        if (!plus && digits.length() == 10) {
            digits.insert(0, '1');
        }
        if (digits.length() == 11 && digits.charAt(0) == '1') {
            return z + "|+" + digits.substring(0, 7);
        }
        return z + "|" + number.strip();
    }

    /** The location of a lead from its ZIP code and phone number, either of which may be null or blank; never throws. */
    public static LeadLocation resolve(String zip, String phoneNumber) {
        Optional<ZipZones.Entry> byZip = ZipZones.lookup(zip);
        Optional<PhonePlace> byPhone = phonePlace(phoneNumber);
        if (byZip.isEmpty() && byPhone.isEmpty()) {
            return NONE;
        }
        Set<String> states = new LinkedHashSet<>();
        Set<ZoneId> zones = new LinkedHashSet<>();
        ZoneId primary = null;
        byZip.ifPresent(z -> {
            states.add(z.state());
            zones.addAll(z.zones());
        });
        if (byZip.isPresent()) {
            primary = byZip.get().zones().get(0);
        }
        if (byPhone.isPresent()) {
            PhonePlace p = byPhone.get();
            if (p.state() != null) {
                states.add(p.state());
            }
            zones.addAll(p.zones());
            if (primary == null) {
                primary = p.zones().get(0);
            }
        }
        String source = byZip.isPresent() && byPhone.isPresent() ? "zip+phone" : byZip.isPresent() ? "zip" : "phone";
        return new LeadLocation(new ArrayList<>(states), new ArrayList<>(zones), primary, source);
    }

    /**
     * A ZIP code as stored: its five digits (from {@code 12345-6789}, or {@code 2134} whose leading zero a spreadsheet
     * dropped), or null when the value is no ZIP code.
     */
    public static String zip(String raw) {
        return ZipZones.normalize(raw);
    }

    /** Two-letter US state (or territory) codes, the ZIP's first; empty when unknown. */
    public List<String> states() {
        return states;
    }

    /** Every candidate zone (the ZIP's and the phone number's); empty when unknown. */
    public List<ZoneId> zones() {
        return zones;
    }

    /** The ZIP's zone, else the phone number's first: the lead's local hour for modelling. */
    public Optional<ZoneId> primaryZone() {
        return Optional.ofNullable(primary);
    }

    /** More than one candidate zone: a calling-hours check must hold in all of them. */
    public boolean ambiguous() {
        return zones.size() > 1;
    }

    public boolean known() {
        return !zones.isEmpty();
    }

    /** Which inputs told: {@code zip}, {@code phone}, {@code zip+phone} or {@code none}. */
    public String source() {
        return source;
    }

    /** The instant on the clock of each candidate zone. */
    public List<ZonedDateTime> localTimes(Instant at) {
        return zones.stream().map(at::atZone).toList();
    }

    @Override
    public String toString() {
        return "LeadLocation" + states + zones + "(" + source + ")";
    }

    private record PhonePlace(String state, List<ZoneId> zones) {
    }

    private static Optional<PhonePlace> phonePlace(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(raw.trim(), DEFAULT_REGION);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
        number = asParentAreaCode(number);
        if (!UTIL.isValidNumber(number)) {
            return Optional.empty();
        }
        List<ZoneId> zones = new ArrayList<>();
        for (String id : PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number)) {
            if (!PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(id) && ZoneId.getAvailableZoneIds().contains(id)) {
                zones.add(ZoneId.of(id));
            }
        }
        if (zones.isEmpty() || zones.size() >= COUNTRY_WIDE) {
            return Optional.empty();
        }
        String state = null;
        if (number.getCountryCode() == 1) {
            state = stateOf(PhoneNumberOfflineGeocoder.getInstance().getDescriptionForNumber(number, Locale.ENGLISH));
            String region = UTIL.getRegionCodeForNumber(number);
            if (state == null && region != null && !"US".equals(region) && ZipZones.STATE_NAMES.containsValue(region)) {
                state = region; // PR, GU, VI, AS, MP: their own region codes
            }
        }
        return Optional.of(new PhonePlace(state, zones));
    }

    /**
     * The state code of a geocoder description: "New York, NY", "Florida", "Mountain View, CA", and a state's name
     * with a qualifier the geocoder adds to tell it from a namesake ("Washington State", not "Washington D.C.").
     */
    static String stateOf(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String d = description.trim();
        Matcher m = STATE_SUFFIX.matcher(d);
        if (m.find() && ZipZones.STATE_NAMES.containsValue(m.group(1))) {
            return m.group(1);
        }
        String name = d.toLowerCase(Locale.ROOT);
        String code = ZipZones.STATE_NAMES.get(name);
        if (code == null && name.endsWith(" state")) {
            code = ZipZones.STATE_NAMES.get(name.substring(0, name.length() - " state".length()).trim());
        }
        return code;
    }

    /**
     * Overlay area codes libphonenumber does not place (yet), each resolved as the area code it overlays: an
     * all-services overlay serves exactly its parent's territory, so the parent's state and zones are its own.
     * Checked by LeadLocationAreaCodesTest, which fails when a release of the library starts placing one of them
     * differently (then drop the entry) or leaves a new area code of a ruled state without a state.
     * <ul>
     * <li>445 (Philadelphia, overlay of 215/267 since 2018): the geocoder names the city only, no state.</li>
     * <li>728 (Palm Beach County, FL, overlay of 561 since 2023-03-10, Florida PSC): the geocoder says "United
     * States".</li>
     * <li>689 (Orlando, FL, overlay of 407/321 since 2019): libphonenumber's time-zone map puts it on
     * America/Chicago; Orlando is on Eastern time.</li>
     * <li>457 (northern Louisiana, overlay of 318 since 2025-09-25, Louisiana PSC) and 483 (south-east Alabama,
     * overlay of 334 since 2026-02-23, Alabama PSC): not yet valid numbers in libphonenumber 9.0.23.</li>
     * </ul>
     */
    static final Map<Integer, Integer> OVERLAY_PARENT = Map.of(445, 215, 728, 561, 689, 407, 457, 318, 483, 334);

    private static PhoneNumber asParentAreaCode(PhoneNumber number) {
        if (number.getCountryCode() != 1) {
            return number;
        }
        long national = number.getNationalNumber();
        if (national < 2_000_000_000L || national > 9_999_999_999L) {
            return number;
        }
        Integer parent = OVERLAY_PARENT.get((int) (national / 10_000_000L));
        if (parent == null) {
            return number;
        }
        return new PhoneNumber().setCountryCode(1).setNationalNumber(parent * 10_000_000L + national % 10_000_000L);
    }

    /** For tests and documentation: the state names this class understands, lower case, to their codes. */
    static Map<String, String> stateNames() {
        return ZipZones.STATE_NAMES;
    }
}
