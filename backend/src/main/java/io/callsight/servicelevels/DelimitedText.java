package io.callsight.servicelevels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.callsight.common.BadInputException;
import io.callsight.common.TextCharsets;

/** A metric file or call log as text (strict UTF-8, without a BOM) and the separator its header line uses. */
record DelimitedText(String text, char separator) {

    /**
     * @param what how the message names an empty file, e.g. "The metric file"
     */
    static DelimitedText of(byte[] content, String what) throws IOException {
        if (content.length == 0) {
            throw new BadInputException(what + " is empty");
        }
        String text = TextCharsets.decode(content, StandardCharsets.UTF_8, what);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int newline = text.indexOf('\n');
        String headerLine = (newline < 0 ? text : text.substring(0, newline)).replace("\r", "");
        return new DelimitedText(text, separator(headerLine));
    }

    /** Tab, `;` or `,`: whichever the header line holds most of (`,` on a tie). */
    static char separator(String header) {
        long semicolons = header.chars().filter(ch -> ch == ';').count();
        long commas = header.chars().filter(ch -> ch == ',').count();
        long tabs = header.chars().filter(ch -> ch == '\t').count();
        return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }
}
