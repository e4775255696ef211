package org.causette.server.insights;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/**
 * The fields of a {@code purchase} event that count: {@code value} (a number, 0 or more), {@code currency} (ISO 4217)
 * and {@code orderId} (the shop's order number, for counting each order once). Each is optional; a present one of the
 * wrong kind makes the event a {@code bad_request}, never a silently wrong figure.
 *
 * @param value    0 when absent
 * @param currency null when absent (the site's currency is assumed)
 * @param orderId  null when absent (such a purchase is kept as often as it is sent)
 */
public record PurchaseData(double value, String currency, String orderId) {
    public static final double MAX_VALUE = 1_000_000_000;
    public static final int MAX_ORDER_ID_CHARS = 100;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** @throws IllegalArgumentException with the message for the shop's developer */
    public static PurchaseData parse(JsonNode data) {
        if (data == null || data.isNull()) {
            return new PurchaseData(0, null, null);
        }
        double value = 0;
        JsonNode v = data.get("value");
        if (v != null && !v.isNull()) {
            if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0 || v.asDouble() > MAX_VALUE) {
                throw new IllegalArgumentException("purchase value must be a number from 0 to " + (long) MAX_VALUE);
            }
            value = v.asDouble();
        }
        String currency = null;
        JsonNode c = data.get("currency");
        if (c != null && !c.isNull()) {
            if (!c.isTextual() || !CURRENCY.matcher(c.asText()).matches()) {
                throw new IllegalArgumentException("purchase currency must be a 3-letter ISO 4217 code like EUR");
            }
            currency = c.asText();
        }
        String orderId = null;
        JsonNode o = data.get("orderId");
        if (o != null && !o.isNull()) {
            if (!o.isTextual() || o.asText().isBlank() || o.asText().length() > MAX_ORDER_ID_CHARS) {
                throw new IllegalArgumentException("purchase orderId must be a string of 1 to " + MAX_ORDER_ID_CHARS + " characters");
            }
            orderId = o.asText();
        }
        return new PurchaseData(value, currency, orderId);
    }

    /** Whether the value is in the site's currency (an absent currency is taken as the site's). */
    public boolean inCurrency(String siteCurrency) {
        return currency == null || currency.equals(siteCurrency);
    }

    /** Reads stored data, which was validated when it arrived; anything odd (older data) reads as nothing. */
    public static PurchaseData lenient(JsonNode data) {
        try {
            return parse(data);
        } catch (IllegalArgumentException e) {
            return new PurchaseData(0, null, null);
        }
    }
}
