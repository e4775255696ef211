package org.causette.bot.knowledge;

import java.util.List;
import java.util.Set;

/** The intents every Causette bot knows in French and English without any example from the shop (docs/site-files.md). */
public final class BuiltInIntents {
    public static final String GREETING = "greeting";
    public static final String GOODBYE = "goodbye";
    public static final String THANKS = "thanks";
    public static final String HUMAN_REQUEST = "human_request";
    public static final String PRODUCT_PRICE = "product_price";
    public static final String PRODUCT_STOCK = "product_stock";
    public static final String PRODUCT_VARIANTS = "product_variants";
    public static final String PRODUCT_INFO = "product_info";
    public static final String PRODUCT_RECOMMENDATION = "product_recommendation";
    public static final String PRODUCT_COMPARE = "product_compare";
    public static final String SHIPPING = "shipping";
    public static final String RETURNS = "returns";
    public static final String PAYMENT = "payment";
    public static final String PROMOTIONS = "promotions";
    public static final String ORDER_STATUS = "order_status";
    public static final String COMPLAINT = "complaint";

    /** In the contract's order. */
    public static final List<String> ALL = List.of(GREETING, GOODBYE, THANKS, HUMAN_REQUEST, PRODUCT_PRICE, PRODUCT_STOCK,
            PRODUCT_VARIANTS, PRODUCT_INFO, PRODUCT_RECOMMENDATION, PRODUCT_COMPARE, SHIPPING, RETURNS, PAYMENT, PROMOTIONS,
            ORDER_STATUS, COMPLAINT);

    private static final Set<String> SET = Set.copyOf(ALL);
    private static final Set<String> PRODUCT = Set.of(PRODUCT_PRICE, PRODUCT_STOCK, PRODUCT_VARIANTS, PRODUCT_INFO,
            PRODUCT_RECOMMENDATION, PRODUCT_COMPARE);
    private static final Set<String> POLICY = Set.of(SHIPPING, RETURNS, PAYMENT, PROMOTIONS);

    private BuiltInIntents() {
    }

    public static boolean isBuiltIn(String id) {
        return SET.contains(id);
    }

    /** Intents answered from the catalog. */
    public static boolean isProduct(String id) {
        return PRODUCT.contains(id);
    }

    /** Intents answered from faq.json, or with an offer of a human when the shop wrote no answer. */
    public static boolean isPolicy(String id) {
        return POLICY.contains(id);
    }
}
