package io.callsight.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Masking keeps the country code, whatever its length, and the last four digits. */
class PhoneMaskingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+15551234567     | +1******4567",
            "+12025550143     | +1******0143",
            "+447911123456    | +44******3456",
            "+442079460958    | +44******0958",
            "+919876543210    | +91******3210",
            "+35312345678     | +353****5678",
            "+44 20 7946 0958 | +44*********0958",
            "5551234567       | ******4567",
            "+999123456789    | +9*******6789",
            "123              | *23",
            "sha256:ab12      | sha256:ab12"})
    void keepsTheCountryCodeAndTheLastFourDigits(String number, String masked) {
        assertThat(AccessScope.mask(number)).isEqualTo(masked);
    }
}
