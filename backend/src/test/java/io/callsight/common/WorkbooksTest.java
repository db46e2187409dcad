package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Workbooks become the CSV text the parsers already read: cell values as the parsers expect them, line N = row N,
 * the same from .xlsx (streamed, SAX) and .xls; the fixture twins give the CSV's own records; a named sheet, an
 * unknown one, a password-protected workbook, a ZIP that is no workbook, gzip.
 */
class WorkbooksTest {

    /** Every kind of cell, in a workbook written by POI (so that formulas have their cached values). */
    private static byte[] everyKindOfCell(Supplier<Workbook> create) throws IOException {
        try (Workbook wb = create.get()) {
            Sheet sheet = wb.createSheet("Data");
            wb.createSheet("Other").createRow(0).createCell(0).setCellValue("other sheet");
            Row header = sheet.createRow(0);
            for (String h : new String[] {"text", "id", "decimal", "big", "share", "day", "at", "handle", "flag",
                    "sum", "label", "error", "note"}) {
                header.createCell(header.getPhysicalNumberOfCells()).setCellValue(h);
            }
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue("Müller, José \"JM\"");
            r.createCell(1).setCellValue(100234);
            r.createCell(2).setCellValue(61.5);
            r.createCell(3).setCellValue(1e20);
            r.createCell(4).setCellValue(0.925);
            r.getCell(4).setCellStyle(style(wb, "0.0%"));
            r.createCell(5).setCellValue(LocalDateTime.of(2024, 3, 1, 0, 0));
            r.getCell(5).setCellStyle(style(wb, "yyyy-mm-dd"));
            r.createCell(6).setCellValue(LocalDateTime.of(2024, 3, 1, 9, 5, 30));
            r.getCell(6).setCellStyle(style(wb, "m/d/yy h:mm"));
            r.createCell(7).setCellValue(1.5 + 90.0 / 86_400); // 36 hours and 90 seconds
            r.getCell(7).setCellStyle(style(wb, "[h]:mm:ss"));
            r.createCell(8).setCellValue(true);
            r.createCell(9).setCellFormula("B2+1");
            r.createCell(10).setCellFormula("\"id-\"&B2");
            r.createCell(11).setCellFormula("1/0");
            r.createCell(12).setCellValue("two\nlines");
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            sheet.createRow(3).createCell(1).setCellValue(0.1); // row 3 (line 3) left out: an empty line
            sheet.createRow(4).createCell(0).setCellErrorValue(FormulaError.NA.getCode());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static CellStyle style(Workbook wb, String format) {
        CellStyle s = wb.createCellStyle();
        s.setDataFormat(wb.createDataFormat().getFormat(format));
        return s;
    }

    private static final String EVERY_KIND_AS_CSV = "text,id,decimal,big,share,day,at,handle,flag,sum,label,error,note\n"
            + "\"Müller, José \"\"JM\"\"\",100234,61.5,100000000000000000000,0.925,2024-03-01,2024-03-01 09:05:30,"
            + "36:01:30,TRUE,100235,id-100234,,two lines\n"
            + "\n"
            + ",0.1,,,,,,,,,,,\n"
            + "\n"; // a row holding only an error: no value

    private static String csv(byte[] workbook, String sheet) throws IOException {
        return new String(Workbooks.toCsv(workbook, sheet, "The file"), StandardCharsets.UTF_8);
    }

    @Test
    void cellsComeAsTheParsersReadThemFromXlsxAndXls() throws IOException {
        assertThat(csv(everyKindOfCell(XSSFWorkbook::new), null)).isEqualTo(EVERY_KIND_AS_CSV);
        assertThat(csv(everyKindOfCell(HSSFWorkbook::new), null)).isEqualTo(EVERY_KIND_AS_CSV);
    }

    @Test
    void theStreamedReaderGivesTheSameTextAndLeavesNoTemporaryFile() throws IOException {
        byte[] xlsx = everyKindOfCell(XSSFWorkbook::new);
        long before = temporaryFiles();
        StringWriter text = new StringWriter();
        try (Reader r = TextCharsets.reader(new ByteArrayInputStream(xlsx), StandardCharsets.UTF_8, null, "The file")) {
            r.transferTo(text);
        }
        assertThat(text.toString()).isEqualTo(EVERY_KIND_AS_CSV);
        assertThat(temporaryFiles()).isEqualTo(before);
    }

    private static long temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("callsight-")).count();
        }
    }

    @Test
    void aSheetIsChosenByNameAndAnUnknownOneIsRefusedNamingTheSheets() throws IOException {
        for (Supplier<Workbook> kind : List.<Supplier<Workbook>>of(XSSFWorkbook::new, HSSFWorkbook::new)) {
            byte[] wb = everyKindOfCell(kind);
            assertThat(csv(wb, " other ")).isEqualTo("other sheet\n"); // as Excel: case-insensitive
            assertThatThrownBy(() -> csv(wb, "Summary")).isInstanceOf(BadInputException.class)
                    .hasMessage("The file has no sheet named 'Summary': its sheets are 'Data', 'Other'");
        }
    }

    /** The .xlsx twin (written by openpyxl) and the .xls twin hold the CSV's own records, on the same lines. */
    @Test
    void theCallFixtureTwinsHoldTheCsvRecords() throws IOException {
        byte[] xlsx = Fixtures.bytes("workbooks/calls.xlsx");
        for (byte[] workbook : List.of(xlsx, XlsTwin.of(xlsx))) {
            assertThat(records(csv(workbook, null), ',')).isEqualTo(records(Fixtures.read("workbooks/calls.csv"), ','));
            assertThat(records(csv(workbook, "Second shift"), ','))
                    .isEqualTo(records(Fixtures.read("workbooks/calls-second-shift.csv"), ','));
        }
    }

    private static List<CsvReader.Row> records(String text, char separator) throws IOException {
        List<CsvReader.Row> rows = new ArrayList<>();
        try (CsvReader csv = new CsvReader(new StringReader(text), separator)) {
            for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void aGzippedWorkbookReadsAsTheWorkbookAndACharsetIsIgnored() throws IOException {
        byte[] xlsx = Fixtures.bytes("workbooks/calls.xlsx");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(xlsx);
        }
        byte[] expected = Workbooks.toCsv(xlsx, null, "The file");
        assertThat(TextCharsets.toUtf8(gz.toByteArray(), java.nio.charset.Charset.forName("windows-1252"), null,
                "The file")).isEqualTo(expected);
    }

    @Test
    void aPasswordProtectedWorkbookIsRefused() throws Exception {
        byte[] xlsx = everyKindOfCell(XSSFWorkbook::new);
        Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
        encryptor.confirmPassword("secret");
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            try (OutputStream os = encryptor.getDataStream(fs)) {
                os.write(xlsx);
            }
            fs.writeFilesystem(encrypted);
        }
        assertThatThrownBy(() -> csv(encrypted.toByteArray(), null)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("The file is a password-protected (encrypted) Excel workbook");
    }

    @Test
    void aZipFileThatIsNoWorkbookIsRefused() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("calls.csv"));
            out.write("Call ID\n1\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> csv(zip.toByteArray(), null)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("The file is a ZIP file but not an Excel workbook (.xlsx)");
    }

    /** POI's zip-bomb protection is on: a sheet that inflates more than 100 times its compressed size is refused. */
    @Test
    void aZipBombIsRefused() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new ByteArrayInputStream(Fixtures.bytes("workbooks/calls.xlsx")));
                ZipOutputStream out = new ZipOutputStream(bomb)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] part = in.readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(part, StandardCharsets.UTF_8);
                    int data = xml.indexOf("<sheetData>") + "<sheetData>".length();
                    part = (xml.substring(0, data) + " ".repeat(20 << 20) + xml.substring(data))
                            .getBytes(StandardCharsets.UTF_8); // 20 MB of white space: compresses about 1000 times
                }
                out.write(part);
            }
        }
        assertThatThrownBy(() -> csv(bomb.toByteArray(), null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("zip-bomb protection");
    }
}
