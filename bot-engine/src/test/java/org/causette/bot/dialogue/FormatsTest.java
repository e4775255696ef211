package org.causette.bot.dialogue;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatsTest {
    @Test
    void moneyByLanguage() {
        assertEquals("349,00 €", Formats.money(new BigDecimal("349"), "EUR", "fr"));
        assertEquals("€349.00", Formats.money(new BigDecimal("349"), "EUR", "en"));
        assertEquals("1 349,90 €", Formats.money(new BigDecimal("1349.9"), "EUR", "fr"));
        assertEquals("€1,349.90", Formats.money(new BigDecimal("1349.9"), "EUR", "en"));
        assertEquals("£1,234,567.00", Formats.money(new BigDecimal("1234567"), "GBP", "en"));
        assertEquals("9,99 CHF", Formats.money(new BigDecimal("9.99"), "CHF", "fr"));
        assertEquals("CHF 9.99", Formats.money(new BigDecimal("9.99"), "CHF", "en"));
    }

    @Test
    void datesAndLists() {
        assertEquals("15 décembre 2026", Formats.date(LocalDate.of(2026, 12, 15), "fr"));
        assertEquals("December 15, 2026", Formats.date(LocalDate.of(2026, 12, 15), "en"));
        assertEquals("gris, bleu et vert", Formats.list(List.of("gris", "bleu", "vert"), "fr"));
        assertEquals("grey and blue", Formats.list(List.of("grey", "blue"), "en"));
    }
}
