package io.callsight.leadquality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.callsight.common.XlsTwin;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CrmInboxScannerTest extends DatabaseTest {

    @Inject
    CrmInboxScanner scanner;

    @Test
    void eachFileIsLoadedOnceDatedByItsNameAndBadFilesAreRecorded(@TempDir Path inbox) throws Exception {
        Path source = Files.createDirectory(inbox.resolve("fixture-inbox"));
        String header = "ENTRYDATE,LEADNUMBER,email_hash,phone_hash,Set\n";
        Files.writeString(source.resolve("report-2023-03-01.csv"), header + "01/02/2023,I1,i1,j1,1\n");
        Files.writeString(source.resolve("report-20230302.csv"), header + "01/02/2023,I1,i1,j1,1\n01/02/2023,I2,i2,j2,0\n");
        Files.writeString(source.resolve("broken.csv"), "no,usable,header\n1,2,3\n");

        CrmInboxScanner.ScanResult first = scanner.scan(inbox);
        assertThat(first).isEqualTo(new CrmInboxScanner.ScanResult(3, 2, 0, 1));
        assertThat(GraphQL.query("{ crmSnapshots(source: \"fixture-inbox\") { reportDate reportDateFrom } }")
                .getList("data.crmSnapshots.reportDate", String.class)).containsExactly("2023-03-01", "2023-03-02");

        // Incremental: the next scan loads only the new file; the broken one is not retried.
        Files.writeString(source.resolve("report-2023-03-03.csv"), header + "01/02/2023,I3,i3,j3,1\n");
        assertThat(scanner.scan(inbox)).isEqualTo(new CrmInboxScanner.ScanResult(4, 1, 3, 0));
        assertThat(GraphQL.query("{ crmSnapshots(source: \"fixture-inbox\") { id } }").getList("data.crmSnapshots")).hasSize(3);
    }

    /**
     * Two instances scanning one shared folder at the same moment (two threads here: the database is what
     * they share): every file is loaded once, and the two scan reports count it once as loaded.
     */
    @Test
    void twoInstancesScanningOneFolderLoadEachFileOnce(@TempDir Path inbox) throws Exception {
        Path source = Files.createDirectory(inbox.resolve("shared-inbox"));
        String header = "ENTRYDATE,LEADNUMBER,email_hash,phone_hash,Set\n";
        for (int d = 1; d <= 4; d++) {
            Files.writeString(source.resolve("report-2023-04-0" + d + ".csv"), header + "01/02/2023,S" + d + ",s" + d
                    + ",t" + d + ",1\n");
        }
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<CrmInboxScanner.ScanResult>> scans = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return scanner.scan(inbox);
                })).toList();
        int loaded = 0;
        int skipped = 0;
        for (var f : scans) {
            CrmInboxScanner.ScanResult r = f.get();
            assertThat(r.failed()).isZero();
            loaded += r.loaded();
            skipped += r.skipped();
        }
        assertThat(loaded).as("files loaded by the two scans together").isEqualTo(4);
        assertThat(skipped).isEqualTo(4);
        assertThat(GraphQL.query("{ crmSnapshots(source: \"shared-inbox\") { id } }").getList("data.crmSnapshots"))
                .hasSize(4);
    }

    /** An Excel report in the inbox is loaded as its first sheet's CSV would be; its .xls twin is the same report. */
    @Test
    void aWorkbookInTheInboxIsLoadedAsItsFirstSheet(@TempDir Path inbox) throws Exception {
        Path source = Files.createDirectory(inbox.resolve("workbook-inbox"));
        byte[] xlsx;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Report");
            String[][] rows = {{"ENTRYDATE", "LEADNUMBER", "email_hash", "phone_hash", "Set"},
                {"01/02/2023", "W1", "w1", "x1", null}, {"01/02/2023", "W2", "w2", "x2", null}};
            for (int i = 0; i < rows.length; i++) {
                Row row = sheet.createRow(i);
                for (int j = 0; j < rows[i].length && rows[i][j] != null; j++) {
                    row.createCell(j).setCellValue(rows[i][j]);
                }
                if (i > 0) {
                    row.createCell(4).setCellValue(i % 2); // a number cell: "1", "0"
                }
            }
            wb.write(out);
            xlsx = out.toByteArray();
        }
        Files.write(source.resolve("report-2023-05-01.xlsx"), xlsx);
        Files.write(source.resolve("report-2023-05-02.xls"), XlsTwin.of(xlsx));
        // the .xls twin reads as the same CSV text, so as the same report already loaded (by its checksum)
        assertThat(scanner.scan(inbox)).isEqualTo(new CrmInboxScanner.ScanResult(2, 1, 1, 0));
        assertThat(GraphQL.query("{ crmSnapshots(source: \"workbook-inbox\") { reportDate rowsLoaded } }")
                .getList("data.crmSnapshots.rowsLoaded", Integer.class)).containsExactly(2);
    }
}
