package org.causette.bot.dialogue;

/**
 * The payloads the bot puts on quick replies and card buttons, and reads back from {@code BotInput.payload}:
 * <ul>
 *   <li>{@code INTENT:<intent>} — answer that intent (built-in or faq id) about the product under discussion;</li>
 *   <li>{@code INTENT:<intent>|<SKU>} — answer that intent about that product ({@code INTENT:product_stock|OSLO});</li>
 *   <li>{@code PRODUCT:<SKU>} — show that product (same as {@code INTENT:product_info|<SKU>}).</li>
 * </ul>
 * Anything else is ignored and the title is understood as typed text, so a shop's own payloads do no harm.
 */
public final class Payloads {
    public static final String INTENT = "INTENT:";
    public static final String PRODUCT = "PRODUCT:";

    private Payloads() {
    }

    public static String intent(String intent) {
        return INTENT + intent;
    }

    public static String intent(String intent, String sku) {
        return INTENT + intent + "|" + sku;
    }

    public static String product(String sku) {
        return PRODUCT + sku;
    }

    /** A decoded payload: the intent to answer and the product it is about (either may be null). */
    public record Parsed(String intent, String sku) {
    }

    /** The intent and product a payload asks for, or null when it is not one of ours. */
    public static Parsed parse(String payload) {
        if (payload == null) {
            return null;
        }
        String p = payload.trim();
        if (p.startsWith(PRODUCT) && p.length() > PRODUCT.length()) {
            return new Parsed(org.causette.bot.knowledge.BuiltInIntents.PRODUCT_INFO, p.substring(PRODUCT.length()));
        }
        if (p.startsWith(INTENT) && p.length() > INTENT.length()) {
            String rest = p.substring(INTENT.length());
            int bar = rest.indexOf('|');
            if (bar < 0) {
                return new Parsed(rest, null);
            }
            String intent = rest.substring(0, bar);
            String sku = rest.substring(bar + 1);
            return intent.isEmpty() ? null : new Parsed(intent, sku.isEmpty() ? null : sku);
        }
        return null;
    }
}
