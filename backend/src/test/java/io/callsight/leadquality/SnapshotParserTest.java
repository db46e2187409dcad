package io.callsight.leadquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.BadInputException;
import io.callsight.sources.CrmSource;
import io.callsight.sources.SchemaColumn;

/** Every cleaning rule of the registry, on a file built by hand (expected values in the comments). */
class SnapshotParserTest {

    private static final List<SchemaColumn> COLUMNS = List.of(
            new SchemaColumn("ENTRYDATE", "DATE", List.of("ENTRYDATE"), List.of("MM/dd/yyyy"), true, null),
            new SchemaColumn("LEADNUMBER", "TEXT", List.of("LEADNUMBER"), List.of(), true, null),
            new SchemaColumn("email_hash", "TEXT", List.of(), List.of(), true, null),
            new SchemaColumn("phone_hash", "TEXT", List.of(), List.of(), true, null),
            new SchemaColumn("CITY", "TEXT", List.of("CityName"), List.of(), false, null),
            new SchemaColumn("STATE", "STATE", List.of(), List.of(), false, null),
            new SchemaColumn("ZIP", "ZIP", List.of(), List.of(), false, null),
            new SchemaColumn("location", "CITY_STATE", List.of(), List.of(), false, null),
            new SchemaColumn("Appt Date", "TIMESTAMP", List.of(), List.of("MM/dd/yyyy h:mma", "MM/dd/yyyy"), false, null),
            new SchemaColumn("Set", "BOOLEAN", List.of(), List.of(), false, null),
            new SchemaColumn("Demo", "BOOLEAN", List.of(), List.of(), false, null),
            new SchemaColumn("Dispo", "TEXT", List.of(), List.of(), false, null),
            new SchemaColumn("Job Status", "TEXT", List.of(), List.of(), false, null));
    private static final CrmSource SOURCE = new CrmSource("t", null, List.of("-----"), COLUMNS);

    private static SnapshotParser.Parsed parse(String csv) throws Exception {
        return new SnapshotParser(SOURCE).parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void cleansEveryKindOfValue() throws Exception {
        String csv = "\uFEFFENTRYDATE, leadnumber ,Email_Hash,phone_hash,CityName,STATE,ZIP,Appt Date,Demo,Set,Dispo,Job Status,location,Source\r\n"
                // line 2: sentinel row -> skipped, counted
                + "-----,-----,-----,-----,-----,-----,-----,-----,-----,-----,-----,-----,-----,-----\r\n"
                // line 3: padded city, float ZIP, double space in the time, True/False and 0/1 booleans, unknown column kept
                + "01/02/2023,100,AA,BB,Bremerton    ,wa,98311.0,01/05/2023  5:30PM,False,1,Data,,Bremerton | WA,web\r\n"
                // line 4: 4-digit ZIP padded, ZIP+4, city and state from location, Dispo Sale
                + "01/03/2023,101,CC,DD,,,8831,,True,1,Sale,Completed,Boise | id,\r\n"
                // line 5: impossible date, bad ZIP, bad boolean, bad state, bad time -> nulls, logged; sentinel value -> null
                + "13/45/2023,102,EE,FF,Reno,Nevada,ABCDE,tomorrow,maybe,-----,Data,,Reno,\r\n"
                // line 6: blank line is ignored
                + "\r\n"
                // line 7: ZIP+4, date-only appointment, yes/no
                + "01/04/2023,103,GG,HH,Salem,OR,97301-1234,01/06/2023,no,yes,Data,,,\r\n";
        SnapshotParser.Parsed p = parse(csv);

        assertThat(p.sentinelRows()).isEqualTo(1);
        assertThat(p.rowsRead()).isEqualTo(5); // 4 data rows + the sentinel row
        assertThat(p.rows()).hasSize(4);
        assertThat(p.unknownColumns()).containsExactly("Source");
        assertThat(p.columnMap()).containsEntry("CityName", "CITY").containsEntry("leadnumber", "LEADNUMBER");

        SnapshotParser.Row r3 = p.rows().get(0);
        assertThat(r3.line()).isEqualTo(3);
        assertThat(r3.city()).isEqualTo("Bremerton");
        assertThat(r3.state()).isEqualTo("WA");
        assertThat(r3.zip()).isEqualTo("98311");
        assertThat(r3.appointmentAt()).isEqualTo(LocalDateTime.of(2023, 1, 5, 17, 30));
        assertThat(r3.demo()).isFalse();
        assertThat(r3.set()).isTrue();
        assertThat(r3.emailHash()).isEqualTo("aa"); // hashes compare lower-case
        assertThat(r3.extra()).isEqualTo(Map.of("Source", "web"));
        assertThat(r3.stage()).isEqualTo(1); // set

        SnapshotParser.Row r4 = p.rows().get(1);
        assertThat(r4.zip()).isEqualTo("08831");
        assertThat(r4.city()).isEqualTo("Boise");
        assertThat(r4.state()).isEqualTo("ID");
        assertThat(r4.stage()).isEqualTo(3); // sale beats demo
        assertThat(r4.jobStatus()).isEqualTo("Completed");

        SnapshotParser.Row r5 = p.rows().get(2);
        assertThat(r5.entryDate()).isNull();
        assertThat(r5.zip()).isNull();
        assertThat(r5.demo()).isNull();
        assertThat(r5.set()).isNull(); // sentinel value
        assertThat(r5.state()).isNull();
        assertThat(r5.appointmentAt()).isNull();
        assertThat(r5.stage()).isZero();

        SnapshotParser.Row r7 = p.rows().get(3);
        assertThat(r7.line()).isEqualTo(7);
        assertThat(r7.zip()).isEqualTo("97301");
        assertThat(r7.appointmentAt()).isEqualTo(LocalDateTime.of(2023, 1, 6, 0, 0));
        assertThat(r7.entryDate()).isEqualTo(LocalDate.of(2023, 1, 4));
        assertThat(r7.stage()).isEqualTo(1);

        assertThat(p.issues()).extracting(i -> i.line() + " " + i.column() + " " + i.value() + ": " + i.reason())
                .containsExactlyInAnyOrder(
                        "5 ENTRYDATE 13/45/2023: not a date in any of the formats MM/dd/yyyy",
                        "5 STATE Nevada: not a two-letter state",
                        "5 ZIP ABCDE: not a ZIP code",
                        "5 Appt Date tomorrow: not a date and time in any of the formats MM/dd/yyyy h:mma, MM/dd/yyyy",
                        "5 Demo maybe: not a yes/no value (0/1, True/False, yes/no)",
                        "5 location Reno: not \"City | ST\"");
        assertThat(p.encodings()).containsEntry("Demo", "True/False yes/no").containsEntry("Set", "0/1 yes/no")
                .containsEntry("CITY", "padded");
    }

    @Test
    void stageIsTheFurthestTheRowGivesEvidenceFor() throws Exception {
        String csv = "ENTRYDATE,LEADNUMBER,email_hash,phone_hash,Appt Date,Set,Demo,Dispo\n"
                + "01/02/2023,1,a,b,,0,0,Data\n"            // none
                + "01/02/2023,2,a,b,01/05/2023 9:00AM,0,0,\n" // appointment date only -> set
                + "01/02/2023,3,a,b,,1,0,\n"                 // set
                + "01/02/2023,4,a,b,,0,1,\n"                 // demo (even without set)
                + "01/02/2023,5,a,b,,0,0, sale \n";          // sale, whatever else
        assertThat(parse(csv).rows()).extracting(SnapshotParser.Row::stage).containsExactly(0, 1, 1, 2, 3);
    }

    @Test
    void aFileMissingARequiredColumnIsRefusedWithItsName() {
        String csv = "ENTRYDATE,email_hash,phone_hash,Set\n01/02/2023,a,b,1\n";
        assertThatThrownBy(() -> parse(csv)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("required column LEADNUMBER")
                .hasMessageContaining("line 1: ENTRYDATE,email_hash,phone_hash,Set")
                .hasMessageContaining("Nothing was loaded");
    }

    @Test
    void zipAndBooleanRules() {
        assertThat(SnapshotParser.zip("98311")).isEqualTo("98311");
        assertThat(SnapshotParser.zip("501")).isEqualTo("00501");
        assertThat(SnapshotParser.zip("2134.0")).isEqualTo("02134");
        assertThatThrownBy(() -> SnapshotParser.zip("12")).hasMessageContaining("too few digits");
        assertThatThrownBy(() -> SnapshotParser.zip("123456")).hasMessageContaining("not a ZIP code");
        assertThat(SnapshotParser.bool("TRUE")).isTrue();
        assertThat(SnapshotParser.bool("0")).isFalse();
        assertThat(SnapshotParser.bool("Yes")).isTrue();
    }
}
