package io.callsight.scorecards;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks phone numbers and e-mail addresses in free text before it is stored, and counts what it masked. */
public final class PersonalDataMasker {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    /** 7 to 15 digits, optionally with +, spaces, dots, dashes or parentheses between them. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w])\\+?\\(?\\d(?:[\\s().-]*\\d){6,14}(?![\\w])");

    private int emails;
    private int phones;

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher e = EMAIL.matcher(text);
        StringBuilder b = new StringBuilder();
        while (e.find()) {
            emails++;
            e.appendReplacement(b, "[email]");
        }
        e.appendTail(b);
        Matcher p = PHONE.matcher(b.toString());
        StringBuilder out = new StringBuilder();
        while (p.find()) {
            phones++;
            p.appendReplacement(out, "[phone]");
        }
        p.appendTail(out);
        return out.toString();
    }

    public int emails() {
        return emails;
    }

    public int phones() {
        return phones;
    }
}
