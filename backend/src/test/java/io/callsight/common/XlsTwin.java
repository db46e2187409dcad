package io.callsight.common;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The legacy .xls twin of an .xlsx fixture, written with POI's HSSF writer (no independent .xls writer could be
 * installed here: xlwt is not served): every sheet, row and cell copied with its type, value and number format.
 */
public final class XlsTwin {

    private XlsTwin() {
    }

    public static byte[] of(byte[] xlsx) {
        try (Workbook in = new XSSFWorkbook(new ByteArrayInputStream(xlsx)); HSSFWorkbook out = new HSSFWorkbook()) {
            Map<String, CellStyle> styles = new HashMap<>();
            for (Sheet sheet : in) {
                Sheet copy = out.createSheet(sheet.getSheetName());
                for (Row row : sheet) {
                    Row r = copy.createRow(row.getRowNum());
                    for (Cell cell : row) {
                        copyCell(cell, r.createCell(cell.getColumnIndex()), out, styles);
                    }
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyCell(Cell from, Cell to, Workbook out, Map<String, CellStyle> styles) {
        switch (from.getCellType()) {
            case STRING -> to.setCellValue(from.getStringCellValue());
            case BOOLEAN -> to.setCellValue(from.getBooleanCellValue());
            case NUMERIC -> {
                to.setCellValue(from.getNumericCellValue());
                String format = from.getCellStyle().getDataFormatString();
                to.setCellStyle(styles.computeIfAbsent(format, f -> {
                    CellStyle s = out.createCellStyle();
                    s.setDataFormat(out.createDataFormat().getFormat(f));
                    return s;
                }));
            }
            default -> {
                // blank cells are left out
            }
        }
    }
}
