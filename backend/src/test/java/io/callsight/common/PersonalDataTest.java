package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.callsight.testing.TestData;

/** E-mail addresses, phone numbers and Luhn-valid card numbers found in free text, and masked. */
class PersonalDataTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "call back jane.doe@example.com please       | call back j***@example.com please       | EMAIL",
            "ring +44 7911 123456 after 5                | ring +44********3456 after 5            | PHONE",
            "cell (415) 555-2671                         | cell **********2671                     | PHONE",
            "4155552671                                  | ******2671                              | PHONE",
            "card 4111 1111 1111 1111 exp 12/27          | card **** **** **** 1111 exp 12/27      | CARD",
            "5500-0000-0000-0004                         | ****-****-****-0004                     | CARD",
            "amex 378282246310005                        | amex ***********0005                    | CARD"})
    void findsAndMasks(String text, String masked, String kind) {
        PersonalData.Scan scan = new PersonalData.Scan("US");
        assertThat(scan.scan("notes", text)).isEqualTo(masked);
        assertThat(scan.findings()).singleElement().satisfies(f -> {
            assertThat(f.column()).isEqualTo("notes");
            assertThat(f.kind()).isEqualTo(kind);
            assertThat(f.count()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "card 4111 1111 1111 1112",          // Luhn fails (nor is it a phone: 16 digits)
            "1732982400123",                      // epoch milliseconds
            "1732982400",                         // epoch seconds
            "lead 4000000000000000001234",        // a long id: more than 19 digits
            "2024-03-01T09:00:00Z",
            "12345678.90",
            "call 1234567 ok",                    // seven digits that are no number of the region
            "customer 3109006",                   // a bare id of seven digits
            "550e8400-e29b-41d4-a716-446655440000",
            "3b7c33e84ea3ae8b249dc1e1578fc84cb4047ac4",
            "no at sign here@"})
    void findsNothingIn(String text) {
        PersonalData.Scan scan = new PersonalData.Scan("US");
        assertThat(scan.scan("notes", text)).isSameAs(text);
        assertThat(scan.findings()).isEmpty();
    }

    @Test
    void countsPerColumnAndKindWithThreeExamples() {
        PersonalData.Scan scan = new PersonalData.Scan("US");
        for (String e : List.of("ann@a.com", "bob@b.org", "cy@c.net", "dee@d.io", "ann@a.com")) {
            scan.scan("comment", "mail " + e);
        }
        scan.scan("extra", "+1 415 555 2671 or a@b.co");
        List<PersonalDataFinding> found = scan.findings();
        assertThat(found).extracting(PersonalDataFinding::column, PersonalDataFinding::kind, PersonalDataFinding::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("comment", "EMAIL", 5),
                        org.assertj.core.groups.Tuple.tuple("extra", "EMAIL", 1),
                        org.assertj.core.groups.Tuple.tuple("extra", "PHONE", 1));
        assertThat(found.get(0).examples()).containsExactly("a***@a.com", "b***@b.org", "c***@c.net");
    }

    @Test
    void wholeValueChecks() {
        assertThat(PersonalData.isEmail(" Jane@Example.com ")).isTrue();
        assertThat(PersonalData.isEmail("3b7c33e84ea3ae8b249dc1e1578fc84cb4047ac4")).isFalse();
        assertThat(PersonalData.isPhone("(415) 555-2671", "US")).isTrue();
        assertThat(PersonalData.isPhone("6e5345441aaeb5816ee08728681bbb5e18cbf365", "US")).isFalse();
        assertThat(PersonalData.namesAnId("Customer ID")).isTrue();
        assertThat(PersonalData.namesAnId("notes")).isFalse();
        assertThat(PersonalData.luhn("4111111111111111")).isTrue();
        assertThat(PersonalData.luhn("4111111111111112")).isFalse();
    }

    /** Every value of every real file in the test data and the fixtures: no personal data found. */
    @Test
    void realFilesGiveNoFinding() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(TestData.root().resolve("testdata"), TestData.repoFile("backend", "src", "test",
                "resources", "fixtures"))) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".tsv")).forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(10);
        PersonalData.Scan scan = new PersonalData.Scan("US");
        long values = 0;
        for (Path file : files) {
            char sep = file.toString().endsWith(".tsv") ? '\t' : ',';
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1); CsvReader csv = new CsvReader(r, sep)) {
                CsvReader.Row header = csv.next();
                CsvReader.Row row;
                while ((row = csv.next()) != null) {
                    for (int i = 0; i < row.fields().size(); i++) {
                        String column = file.getFileName() + ":" + (i < header.fields().size() ? header.fields().get(i) : "?");
                        scan.scan(column, row.fields().get(i));
                        values++;
                    }
                }
            }
        }
        assertThat(values).isGreaterThan(500_000);
        assertThat(scan.findings()).isEmpty();
    }

    @Test
    void bareDigitsInAnIdColumnAreIds() {
        PersonalData.Scan scan = new PersonalData.Scan("US");
        assertThat(scan.scan("customer_id", "2018299515")).isEqualTo("2018299515");
        assertThat(scan.scan("customer_id", "201-829-9515")).isEqualTo("********9515");
        assertThat(scan.scan("notes", "2018299515")).isEqualTo("******9515");
    }
}
