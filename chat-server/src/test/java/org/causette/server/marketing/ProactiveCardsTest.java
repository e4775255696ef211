package org.causette.server.marketing;

import org.causette.bot.knowledge.Catalog;
import org.causette.bot.knowledge.Product;
import org.causette.bot.knowledge.Variant;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which products a proactive message's cards show: the cart's, their related ones, or the page's product's. */
class ProactiveCardsTest {
    private static Product product(String sku, String url, List<String> related, String... variants) {
        return new Product(sku, sku, List.of(), "c", BigDecimal.TEN, null, url, null, Map.of(), Map.of(),
                java.util.Arrays.stream(variants).map(v -> new Variant(v, null, null, 1, null)).toList(), related);
    }

    private static final Catalog CATALOG = new Catalog(List.of(
            product("OSLO", "/product.html?sku=OSLO", List.of("PIA", "LUNA"), "OSLO-GRIS"),
            product("LUNA", "https://shop.example/luna", List.of("OSLO")),
            product("PIA", null, List.of())));

    private static com.fasterxml.jackson.databind.JsonNode cart(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    @Test
    void theCartsProductsOnceEachWithVariantsStandingForTheirProduct() throws Exception {
        List<Product> inCart = ProactiveCards.inCart(CATALOG, cart("""
                {"items": [{"sku": "OSLO-GRIS"}, {"sku": "OSLO"}, {"sku": "GONE"}, {"sku": "X", "productSku": "LUNA"}]}"""));
        assertEquals(List.of("OSLO", "LUNA"), inCart.stream().map(Product::sku).toList());
        assertTrue(ProactiveCards.inCart(CATALOG, null).isEmpty());
        assertTrue(ProactiveCards.inCart(CATALOG, cart("{\"value\": 3}")).isEmpty());
    }

    @Test
    void relatedProductsAreOfTheCartElseOfThePagesProductNeverWhatIsInTheCart() throws Exception {
        assertEquals(List.of("PIA"), ProactiveCards.related(CATALOG, ProactiveCards.inCart(CATALOG,
                cart("{\"items\": [{\"sku\": \"OSLO\"}, {\"sku\": \"LUNA\"}]}")), null));
        assertEquals(List.of("PIA", "LUNA"), ProactiveCards.related(CATALOG, List.of(),
                "http://localhost:8080/product.html?sku=OSLO#reviews"), "a catalog url of the shop's own origin");
        assertEquals(List.of("OSLO"), ProactiveCards.related(CATALOG, List.of(), "https://shop.example/luna/"));
        assertTrue(ProactiveCards.related(CATALOG, List.of(), "https://shop.example/elsewhere").isEmpty());
        assertTrue(ProactiveCards.related(CATALOG, List.of(), null).isEmpty());
    }
}
