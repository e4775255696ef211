package org.causette.server.conversation;

import java.util.regex.Pattern;

/**
 * Masks what identifies a shopper in their own words (email addresses, phone numbers) before an ambassador reads
 * them: ambassadors are fellow customers, and a shopper who types their email to "the shop" did not mean to give it
 * to another customer. Prices, quantities and short numbers stay readable.
 */
public final class PersonalData {
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9.-]+\\.[\\p{L}]{2,}");
    /** Nine or more digits, with spaces, dots, dashes or a leading + between them: French and international numbers. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\d])\\+?\\d(?:[\\s.-]?\\d){8,14}(?![\\p{L}\\d])");

    private PersonalData() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll("[email]");
        return PHONE.matcher(masked).replaceAll("[phone]");
    }
}
