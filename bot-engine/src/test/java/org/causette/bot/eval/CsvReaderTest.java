package org.causette.bot.eval;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReaderTest {
    private static List<List<String>> read(String s) throws IOException {
        return CsvReader.read(new StringReader(s));
    }

    @Test
    void readsRfc4180Quoting() throws IOException {
        List<List<String>> r = read("sentence,label\r\n\"hi, there\",greeting\r\n\"she said \"\"no\"\"\",x\r\n\"two\nlines\",y\r\nplain,z");
        assertEquals(List.of("sentence", "label"), r.get(0));
        assertEquals(List.of("hi, there", "greeting"), r.get(1));
        assertEquals(List.of("she said \"no\"", "x"), r.get(2));
        assertEquals(List.of("two\nlines", "y"), r.get(3));
        assertEquals(List.of("plain", "z"), r.get(4));
        assertEquals(5, r.size());
    }

    @Test
    void acceptsBomLfAndEmptyFieldsAndSkipsBlankLines() throws IOException {
        List<List<String>> r = read("\uFEFFa,b\n\n,x\n\"\",y\n");
        assertEquals(List.of(List.of("a", "b"), List.of("", "x"), List.of("", "y")), r);
    }

    @Test
    void rejectsBrokenQuotes() {
        assertTrue(assertThrows(IOException.class, () -> read("a,b\n\"open,x\n")).getMessage().contains("not closed"));
        assertTrue(assertThrows(IOException.class, () -> read("a,b\nab\"c,x\n")).getMessage().contains("line 2"));
        assertThrows(IOException.class, () -> read("a,b\n\"ab\"c,x\n"));
    }

    @Test
    void labeledCsvChecksHeaderAndFieldCount() throws IOException {
        assertEquals(2, LabeledCsv.parse(new StringReader("sentence,label\nhi,greeting\n\"bye, now\",goodbye\n")).size());
        assertThrows(IOException.class, () -> LabeledCsv.parse(new StringReader("text,intent\nhi,greeting\n")));
        assertThrows(IOException.class, () -> LabeledCsv.parse(new StringReader("sentence,label\nhi,greeting,extra\n")));
        assertThrows(IOException.class, () -> LabeledCsv.parse(new StringReader("sentence,label\nhi,\n")));
    }
}
