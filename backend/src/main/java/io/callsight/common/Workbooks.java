package io.callsight.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.xml.sax.SAXException;

/**
 * Excel workbooks wherever CSV is accepted: an {@code .xlsx} (a ZIP file, read through Apache POI's streaming SAX
 * reader: memory holds the shared strings, never the rows) or a legacy {@code .xls} (an OLE2 file, at most 65,536
 * rows, read whole), recognised by their magic bytes whatever their name or content type, becomes the CSV text of
 * one sheet ({@link SheetCsv}: line N is sheet row N), so every parser, header match and reject works unchanged.
 * The first sheet unless {@code ?sheet=} names one (an unknown name is refused, naming the sheets there are).
 * POI's zip-bomb protection stays on; a password-protected workbook is refused.
 */
public final class Workbooks {

    /** The kinds of workbook, by magic bytes. */
    enum Format { XLSX, XLS }

    private Workbooks() {
    }

    /** The workbook format {@code head} (the first bytes of a file) starts like, or null for any other file. */
    static Format format(byte[] head) {
        if (TextCharsets.startsWith(head, 'P', 'K', 3, 4)) {
            return Format.XLSX;
        }
        return TextCharsets.startsWith(head, 0xD0, 0xCF, 0x11, 0xE0) ? Format.XLS : null;
    }

    /** How many leading bytes {@link #format} needs. */
    static final int MAGIC_BYTES = 4;

    /** True when {@code content} is a workbook (an .xlsx or an .xls). */
    public static boolean isWorkbook(byte[] content) {
        return format(content) != null;
    }

    /**
     * The sheet {@code sheet} (null or blank: the first) of the workbook {@code content} as CSV text, UTF-8.
     *
     * @param what how messages name the file, e.g. "The metric file"
     */
    public static byte[] toCsv(byte[] content, String sheet, String what) throws IOException {
        Format format = format(content);
        Path file = Files.createTempFile("callsight-workbook", format == Format.XLSX ? ".xlsx" : ".xls");
        try {
            Files.write(file, content);
            StringWriter csv = new StringWriter(content.length * 2);
            convert(file, format, sheet, what, csv);
            return csv.toString().getBytes(StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The sheet of the workbook read from {@code in} (its first {@link #MAGIC_BYTES} bytes {@code head} already
     * read) as CSV text: the workbook is spooled to a temporary file, converted to another one, and the reader
     * streams that one (deleted on close), so memory stays bounded whatever the number of rows.
     */
    static Reader csvReader(byte[] head, InputStream in, String sheet, String what) throws IOException {
        Format format = format(head);
        Path file = Files.createTempFile("callsight-workbook", format == Format.XLSX ? ".xlsx" : ".xls");
        Path csv = null;
        try {
            try (var spool = Files.newOutputStream(file)) {
                spool.write(head);
                in.transferTo(spool);
            }
            csv = Files.createTempFile("callsight-sheet", ".csv");
            try (Writer w = new OutputStreamWriter(Files.newOutputStream(csv), StandardCharsets.UTF_8)) {
                convert(file, format, sheet, what, w);
            }
            Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
            Path delete = csv;
            csv = null;
            return new java.io.FilterReader(r) {
                @Override
                public void close() throws IOException {
                    super.close();
                    Files.deleteIfExists(delete);
                }
            };
        } finally {
            Files.deleteIfExists(file);
            if (csv != null) {
                Files.deleteIfExists(csv);
            }
        }
    }

    private static void convert(Path file, Format format, String sheet, String what, Writer out) throws IOException {
        String wanted = sheet == null || sheet.isBlank() ? null : sheet.strip();
        try {
            if (format == Format.XLSX) {
                xlsx(file, wanted, what, out);
            } else {
                xls(file, wanted, what, out);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (EncryptedDocumentException e) {
            throw passwordProtected(what);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException | OpenXML4JException | SAXException e) {
            if (zipBomb(e)) {
                throw new BadInputException(what + " is refused: a part of the workbook would expand more than 100 "
                        + "times its compressed size (POI's zip-bomb protection)");
            }
            throw new BadInputException(what + " could not be read as an Excel workbook ("
                    + (format == Format.XLSX ? ".xlsx" : ".xls") + "): " + e.getMessage());
        }
    }

    /** True when POI's {@code ZipSecureFile} refused an entry (its exception, wrapped or not). */
    private static boolean zipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Zip bomb detected")) {
                return true;
            }
        }
        return false;
    }

    private static BadInputException passwordProtected(String what) {
        return new BadInputException(what + " is a password-protected (encrypted) Excel workbook: remove the "
                + "password (File > Info > Protect Workbook) or save the sheet as CSV, and send it again");
    }

    private static void xlsx(Path file, String sheet, String what, Writer out)
            throws IOException, OpenXML4JException, SAXException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("[Content_Types].xml") == null) { // every Office Open XML file has one
                throw new BadInputException(what + " is a ZIP file but not an Excel workbook (.xlsx): send the "
                        + "sheet itself, as .xlsx, .xls or CSV");
            }
        } catch (ZipException e) {
            throw new BadInputException(what + " starts like an .xlsx (ZIP) file but is not a valid one: "
                    + e.getMessage());
        }
        OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            XlsxSheets.write(pkg, sheet, what, new SheetCsv(out));
        } finally {
            pkg.revert(); // opened read-only: nothing to save
        }
    }

    private static void xls(Path file, String sheet, String what, Writer out) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            if (fs.getRoot().hasEntry("EncryptedPackage")) { // an encrypted .xlsx is an OLE2 file
                throw passwordProtected(what);
            }
            if (!fs.getRoot().hasEntry("Workbook") && !fs.getRoot().hasEntry("WORKBOOK")
                    && !fs.getRoot().hasEntry("Book")) {
                throw new BadInputException(what + " is an OLE2 (Microsoft Office) file but not an Excel workbook");
            }
            try (HSSFWorkbook wb = new HSSFWorkbook(fs.getRoot(), false)) {
                writeSheet(pick(wb, sheet, what), wb.getInternalWorkbook().isUsing1904DateWindowing(),
                        new SheetCsv(out));
            } catch (OldExcelFormatException e) {
                throw new BadInputException(what + " is an Excel 5.0/95 workbook, which is not read: save it as .xlsx");
            }
        }
    }

    private static Sheet pick(Workbook wb, String sheet, String what) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            names.add(wb.getSheetName(i));
        }
        int index = chosen(names, sheet, what);
        return wb.getSheetAt(index);
    }

    /** The index of the sheet named {@code sheet} (case-insensitive, as Excel), 0 when null; refused when none. */
    static int chosen(List<String> names, String sheet, String what) {
        if (names.isEmpty()) {
            throw new BadInputException(what + " is an Excel workbook without a sheet");
        }
        if (sheet == null) {
            return 0;
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(sheet)) {
                return i;
            }
        }
        throw new BadInputException(what + " has no sheet named '" + sheet + "': its sheets are "
                + String.join(", ", names.stream().map(n -> "'" + n + "'").toList()));
    }

    private static void writeSheet(Sheet sheet, boolean date1904, SheetCsv csv) {
        for (Iterator<Row> rows = sheet.rowIterator(); rows.hasNext();) {
            Row row = rows.next();
            csv.startRow(row.getRowNum());
            for (Iterator<Cell> cells = row.cellIterator(); cells.hasNext();) {
                Cell cell = cells.next();
                CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
                        : cell.getCellType();
                csv.cell(cell.getColumnIndex(), text(cell, type, date1904));
            }
            csv.endRow(row.getRowNum());
        }
    }

    private static String text(Cell cell, CellType type, boolean date1904) {
        return switch (type) {
            case STRING -> cell.getRichStringCellValue().getString();
            case NUMERIC -> {
                CellStyle style = cell.getCellStyle();
                yield SheetCsv.number(cell.getNumericCellValue(), style.getDataFormat(),
                        style.getDataFormatString(), date1904);
            }
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            default -> ""; // BLANK, ERROR
        };
    }
}
