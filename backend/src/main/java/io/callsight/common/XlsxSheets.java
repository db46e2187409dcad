package io.callsight.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * One sheet of an .xlsx streamed through POI's SAX event API ({@link XSSFReader}, {@link XSSFSheetXMLHandler}) into
 * a {@link SheetCsv}: rows are written as they are parsed; the shared strings table (read-only, SAX) is what stays
 * in memory. Numbers are formatted by {@link SheetCsv#number}, not by Excel's display format.
 */
final class XlsxSheets {

    private XlsxSheets() {
    }

    static void write(OPCPackage pkg, String sheet, String what, SheetCsv csv)
            throws IOException, OpenXML4JException, SAXException {
        XSSFReader reader = new XSSFReader(pkg);
        boolean date1904 = date1904(reader);
        List<String> names = new ArrayList<>();
        XSSFReader.SheetIterator it = reader.getSheetIterator();
        while (it.hasNext()) {
            try (InputStream ignored = it.next()) {
                names.add(it.getSheetName());
            }
        }
        int index = Workbooks.chosen(names, sheet, what);
        it = reader.getSheetIterator();
        for (int i = 0; i < index; i++) {
            it.next().close();
        }
        try (InputStream data = it.next()) {
            Rows rows = new Rows(csv);
            XMLReader xml = xmlReader();
            xml.setContentHandler(new Handler(reader, new ReadOnlySharedStringsTable(pkg, false), rows, date1904));
            xml.parse(new InputSource(data));
        }
    }

    private static XMLReader xmlReader() throws SAXException {
        try {
            return XMLHelper.newXMLReader(); // POI's hardened parser: no external entities, no DTDs
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the workbook counts dates from 1904 ({@code <workbookPr date1904="1"/>}). */
    private static boolean date1904(XSSFReader reader) throws IOException, OpenXML4JException, SAXException {
        boolean[] found = new boolean[1];
        try (InputStream workbook = reader.getWorkbookData()) {
            XMLReader xml = xmlReader();
            xml.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("workbookPr".equals(localName)) {
                        String v = attributes.getValue("date1904");
                        found[0] = "1".equals(v) || "true".equalsIgnoreCase(v);
                    }
                }
            });
            xml.parse(new InputSource(workbook));
        }
        return found[0];
    }

    /** POI's sheet handler, told which cells hold an error (written empty) and formatting numbers our way. */
    private static final class Handler extends XSSFSheetXMLHandler {

        private final Rows rows;

        Handler(XSSFReader reader, ReadOnlySharedStringsTable strings, Rows rows, boolean date1904)
                throws IOException, OpenXML4JException {
            super(reader.getStylesTable(), strings, rows, new Numbers(date1904), false);
            this.rows = rows;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            if ("c".equals(localName)) {
                rows.error = "e".equals(attributes.getValue("t"));
            }
            super.startElement(uri, localName, qName, attributes);
        }
    }

    /** Numeric cells as {@link SheetCsv#number} writes them. */
    private static final class Numbers extends DataFormatter {

        private final boolean date1904;

        Numbers(boolean date1904) {
            this.date1904 = date1904;
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return SheetCsv.number(value, formatIndex, formatString, date1904);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString,
                boolean use1904Windowing) {
            return SheetCsv.number(value, formatIndex, formatString, use1904Windowing || date1904);
        }
    }

    /** The handler's rows and cells into the CSV. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final SheetCsv csv;
        private boolean error;
        private int nextColumn;

        Rows(SheetCsv csv) {
            this.csv = csv;
        }

        @Override
        public void startRow(int rowNum) {
            csv.startRow(rowNum);
            nextColumn = 0;
        }

        @Override
        public void endRow(int rowNum) {
            csv.endRow(rowNum);
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            int column = cellReference == null ? nextColumn : new CellReference(cellReference).getCol();
            nextColumn = column + 1;
            csv.cell(column, error ? "" : formattedValue);
        }
    }
}
