package org.causette.server.conversation;

/**
 * Masks what identifies a shopper in their own words (email addresses, phone numbers) before an ambassador reads
 * them: ambassadors are fellow customers, and a shopper who types their email to "the shop" did not mean to give it
 * to another customer. Prices, quantities and short numbers stay readable.
 *
 * <p>A hand-written scan, not a regular expression: each character is looked at a bounded number of times, so the
 * cost is linear in the text (issue 21: the former e-mail pattern took 110–161 ms on 4,000 characters of
 * {@code a-a-a-…}, retrying its local part from every position). Digits are any Unicode decimal digits (full-width
 * ones too) and separators any Unicode space (U+00A0, U+202F…), so {@code ０６ １２…} or {@code 06\u202F12…} are
 * masked like {@code 06 12…}.
 */
public final class PersonalData {
    public static final String EMAIL_MASK = "[email]";
    public static final String PHONE_MASK = "[phone]";
    /** Nine or more digits make a phone number (French numbers have ten, international ones up to fifteen). */
    static final int MIN_PHONE_DIGITS = 9;
    /** The shortest top-level domain an address must end with (".fr"). */
    private static final int MIN_TLD_LETTERS = 2;

    private PersonalData() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return maskPhones(maskEmails(text));
    }

    // ---- e-mail addresses: local@domain.tld -------------------------------------------------------------------

    private static String maskEmails(String text) {
        StringBuilder out = null;
        int copied = 0;
        int searchFrom = 0;
        int n = text.length();
        for (int at = indexOfAt(text, searchFrom); at >= 0; at = indexOfAt(text, searchFrom)) {
            // The local part runs back from the @, never past the end of the previous match or the previous @
            // (an @ is not a local character), so every character is walked back over at most once.
            int start = at;
            while (start > copied && isLocal(text.charAt(start - 1))) {
                start--;
            }
            // The domain runs forward to the first character that cannot be in one (an @ among them).
            int domainEnd = at + 1;
            while (domainEnd < n && isDomain(text.charAt(domainEnd))) {
                domainEnd++;
            }
            int end = start < at ? addressEnd(text, at + 1, domainEnd) : -1;
            if (end < 0) {
                searchFrom = at + 1;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(text, copied, start).append(EMAIL_MASK);
            copied = end;
            searchFrom = end;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, n).toString();
    }

    /** Where the address whose domain is {@code text[from, to)} ends: after the last ".letters" with a label before it. */
    private static int addressEnd(String text, int from, int to) {
        // From the right: the last dot followed by at least two letters, with at least one character before it.
        int lettersEnd = -1;
        int letters = 0;
        for (int i = to - 1; i > from; i--) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                if (letters == 0) {
                    lettersEnd = i + 1;
                }
                letters++;
            } else if (c == '.' && letters >= MIN_TLD_LETTERS) {
                return lettersEnd;
            } else {
                letters = 0;
            }
        }
        return -1;
    }

    private static int indexOfAt(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@' || c == '\uFF20') { // the full-width @ too
                return i;
            }
        }
        return -1;
    }

    private static boolean isLocal(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomain(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '\uFF0E'; // full-width full stop
    }

    // ---- phone numbers: nine digits or more, one separator at most between two ---------------------------------

    private static String maskPhones(String text) {
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            boolean plus = c == '+' || c == '\uFF0B';
            int first = plus ? i + 1 : i;
            if (first >= n || !Character.isDigit(text.charAt(first)) || (i > 0 && isWordChar(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            // A run of digits, with one separator allowed between two digits; the run is consumed whole either way,
            // so the scan never comes back over it.
            int digits = 0;
            int end = first;
            int j = first;
            while (j < n) {
                if (Character.isDigit(text.charAt(j))) {
                    digits++;
                    j++;
                    end = j;
                } else if (j + 1 < n && isSeparator(text.charAt(j)) && Character.isDigit(text.charAt(j + 1))) {
                    j++;
                } else {
                    break;
                }
            }
            boolean standsAlone = end >= n || !Character.isLetter(text.charAt(end));
            if (digits >= MIN_PHONE_DIGITS && standsAlone) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(text, copied, i).append(PHONE_MASK);
                copied = end;
            }
            i = Math.max(end, i + 1);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, n).toString();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == '-' || c == '\u2011' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
