package io.callsight.leadquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.callsight.common.BadInputException;
import io.callsight.common.ParquetReader;

/**
 * Each Parquet fixture of {@code fixtures/parquet-leads} (pyarrow, Polars, parquet-java and Spark-style files: Snappy, GZIP, ZSTD,
 * LZ4_RAW, uncompressed; dictionary, plain, DELTA and BYTE_STREAM_SPLIT pages; v1 and v2 pages; several row groups; INT96
 * and INT64 timestamps; decimals; nulls) gives the same leads and the same rejects as its CSV twin.
 */
class ParquetLeadFixturesTest {

    private static final String DIR = "/fixtures/parquet-leads/";

    static byte[] fixture(String file) throws IOException {
        try (InputStream in = ParquetLeadFixturesTest.class.getResourceAsStream(DIR + file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        }
    }

    /** What a lead is, whatever file it came from (line numbers and raw contact values aside). */
    private record Same(String leadId, String emailHash, String phoneHash, String campaignId, String advertiserId,
            Instant deliveredAt) {
    }

    private static List<Same> leads(byte[] file, List<DeliveredLeadIngestService.Reject> rejects) throws IOException {
        return DeliveredLeadIngestService.read(file, rejects, "US").stream().map(l -> new Same(l.leadId(), l.emailHash(),
                l.phoneHash(), l.campaignId(), l.advertiserId(), l.deliveredAt() == null ? null : l.deliveredAt().toInstant()))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pyarrow-snappy", "pyarrow-gzip-plain", "pyarrow-zstd-row-groups", "pyarrow-lz4-raw",
            "pyarrow-uncompressed-v2",
            "polars-zstd", "polars-raw-contacts", "spark-style-int96-decimals", "parquet-java-spark-layout"})
    void eachFixtureGivesTheLeadsOfItsCsvTwin(String name) throws IOException {
        List<DeliveredLeadIngestService.Reject> parquetRejects = new ArrayList<>();
        List<DeliveredLeadIngestService.Reject> csvRejects = new ArrayList<>();
        List<Same> fromParquet = leads(fixture(name + ".parquet"), parquetRejects);
        List<Same> fromCsv = leads(fixture(name + ".csv"), csvRejects);

        assertThat(fromParquet).hasSize(19).isEqualTo(fromCsv);
        assertThat(fromParquet.get(0)).isEqualTo(new Same("L-0001", "7e41430b495e3436d297f2053326773bbf252475",
                "68837b2d0c31e57d7b6adc804be01dca65757a98", "101", fromParquet.get(0).advertiserId(),
                Instant.parse("2024-03-01T16:15:01Z")));
        assertThat(fromParquet).filteredOn(l -> l.emailHash() == null).extracting(Same::leadId)
                .containsExactly("L-0005", "L-0015", "L-0020");
        assertThat(parquetRejects).extracting(r -> r.leadId() + ": " + r.reason())
                .containsExactly("L-0010: neither an e-mail nor a phone hash: cannot be matched")
                .isEqualTo(csvRejects.stream().map(r -> r.leadId() + ": " + r.reason()).toList());
    }

    @Test
    void typedValuesOfTheSparkStyleFile() throws IOException {
        List<Map<String, Object>> rows = new ParquetReader(fixture("spark-style-int96-decimals.parquet")).rows();
        Map<String, Object> first = rows.get(0);
        assertThat(first.get("delivered_at")).isEqualTo(Instant.parse("2024-03-01T16:15:01Z")); // INT96
        assertThat(first.get("campaign_id")).isEqualTo(new BigDecimal("101")); // decimal(10,0) as INT64
        assertThat(first.get("lead_cost")).isEqualTo(new BigDecimal("1.25")); // decimal(9,2) as INT32
        assertThat(rows.get(19).get("lead_cost")).isEqualTo(new BigDecimal("25.00"));
        assertThat(rows.get(4).get("email_hash")).isNull();
        assertThat(first.get("score")).isEqualTo(0.125);
    }

    @Test
    void int96AndDecimalsAsParquetJavaWritesThem() throws IOException {
        Map<String, Object> first = new ParquetReader(fixture("parquet-java-spark-layout.parquet")).rows().get(0);
        assertThat(first.get("delivered_at")).isEqualTo(Instant.parse("2024-03-01T16:15:01Z"));
        assertThat(first.get("advertiser_id")).isEqualTo(new BigDecimal("8")); // decimal(20,0) as 9 fixed bytes
        assertThat(first.get("campaign_id")).isEqualTo(new BigDecimal("101"));
    }

    @Test
    void decimalsAsFixedLengthBytesAndDeltaEncodedStrings() throws IOException {
        List<Map<String, Object>> rows = new ParquetReader(fixture("pyarrow-uncompressed-v2.parquet")).rows();
        assertThat(rows).extracting(r -> r.get("lead_id")).first().isEqualTo("L-0001");
        assertThat(rows.get(7).get("lead_cost")).isEqualTo(new BigDecimal("10.00"));
        assertThat(rows.get(7).get("score")).isEqualTo(1.0); // BYTE_STREAM_SPLIT
    }

    @Test
    void refusalsNameWhatIsWrong() {
        assertThatThrownBy(() -> DeliveredLeadIngestService.read(fixture("no-lead-id.parquet"), new ArrayList<>(), "US"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("The lead file has no lead id column")
                .hasMessageContaining("email_hash");
        assertThatThrownBy(() -> new ParquetReader(fixture("unsupported-brotli.parquet")).rows(List.of("lead_id")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Parquet compression codec BROTLI (column lead_id) is not supported (uncompressed, Snappy, GZIP, "
                        + "ZSTD and LZ4_RAW are); re-export with zstd or snappy");
        assertThatThrownBy(() -> new ParquetReader("PAR1 but not really".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadInputException.class).hasMessage("Not a Parquet file (the PAR1 markers are missing)");
    }

    @Test
    void onlyTheColumnsAskedForAreRead() throws IOException {
        ParquetReader reader = new ParquetReader(fixture("pyarrow-zstd-row-groups.parquet"));
        List<Map<String, Object>> rows = reader.rows(List.of("phone_hash", "lead_id", "not_a_column"));
        assertThat(reader.columns()).contains("lead_cost", "score");
        assertThat(rows).hasSize(20).allSatisfy(r -> assertThat(r.keySet()).containsExactly("lead_id", "phone_hash"));
        assertThat(rows.get(19).get("lead_id")).isEqualTo("L-0020"); // the third row group
    }
}
