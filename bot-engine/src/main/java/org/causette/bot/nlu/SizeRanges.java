package org.causette.bot.nlu;

/**
 * Sizes written as ranges ("43-46", "S-M" is not one: only numbers) or single numbers ("42", "38.5"), so a typed
 * "44" finds the variant "43-46". Stateless.
 */
public final class SizeRanges {
    private SizeRanges() {
    }

    /** [low, high] of a numeric size or range, or null for any other size ("M", "160x230"). */
    public static double[] parse(String size) {
        String s = size.trim().replace(',', '.');
        if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == ' ' || c == '-' || c == '–' || c == '/' || c == 'à')) {
                return null; // "160x230", "Ø120", "M": not a number
            }
        }
        int sep = -1;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' || c == '–' || c == '/' || c == 'à') {
                sep = i;
                break;
            }
        }
        try {
            if (sep < 0) {
                double v = Double.parseDouble(s);
                return new double[]{v, v};
            }
            double lo = Double.parseDouble(s.substring(0, sep).trim());
            double hi = Double.parseDouble(s.substring(sep + 1).trim());
            return lo <= hi ? new double[]{lo, hi} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether the visitor's size (as the size entity gives it) is this variant's size. */
    public static boolean matches(String variantSize, String asked) {
        if (variantSize == null || asked == null) {
            return false;
        }
        String a = TextNormalizer.foldPhrase(asked);
        if (TextNormalizer.foldPhrase(variantSize).equals(a)) {
            return true;
        }
        double[] range = parse(variantSize);
        double[] want = parse(asked);
        return range != null && want != null && want[0] >= range[0] && want[1] <= range[1];
    }
}
