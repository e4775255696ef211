package org.causette.bot.eval;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, strict RFC 4180 reader: fields separated by commas, optionally in double quotes, a doubled quote inside
 * quotes is one quote, quoted fields may hold commas and line breaks. Accepts CRLF or LF line ends and a UTF-8 BOM.
 * Written here rather than pulled in because these few lines are the whole of what the eval files need.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /** A malformed file, with the 1-based line where the problem was seen. */
    public static final class CsvException extends IOException {
        public CsvException(int line, String problem) {
            super("line " + line + ": " + problem);
        }
    }

    /** Every record of the input, each a list of fields. A blank line is no record. */
    public static List<List<String>> read(Reader in) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean fieldStarted = false;
        int c = in.read();
        if (c == '\uFEFF') {
            c = in.read();
        }
        for (; c != -1; c = in.read()) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                        continue;
                    }
                    quoted = false;
                    afterQuote = true;
                    if (next == -1) {
                        break;
                    }
                    c = next;
                    ch = (char) c;
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                    continue;
                }
            }
            if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                fieldStarted = true;
            } else if (ch == '\r' || ch == '\n') {
                if (fieldStarted || !field.isEmpty() || afterQuote || !record.isEmpty()) {
                    record.add(field.toString());
                    records.add(record);
                    record = new ArrayList<>();
                }
                field.setLength(0);
                afterQuote = false;
                fieldStarted = false;
                if (ch == '\n') {
                    line++;
                }
            } else if (ch == '"') {
                if (!field.isEmpty() || afterQuote) {
                    throw new CsvException(line, "a quote inside an unquoted field (quote the field and double the quote)");
                }
                quoted = true;
                fieldStarted = true;
            } else {
                if (afterQuote) {
                    throw new CsvException(line, "text after a closing quote");
                }
                field.append(ch);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new CsvException(line, "a quoted field is not closed");
        }
        if (fieldStarted || !field.isEmpty() || afterQuote || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
