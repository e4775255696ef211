package org.causette.bot.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.bot.TestSites;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnowledgeLoaderTest {

    @Test
    void loadsTheFixtureCatalog() {
        Catalog c = TestSites.catalog();
        assertEquals(5, c.products().size());
        Product oslo = c.bySku("OSLO").orElseThrow();
        assertEquals(new BigDecimal("299.0"), oslo.salePrice());
        assertEquals(0, oslo.variants().get(1).stock());
        assertEquals(LocalDate.of(2026, 12, 15), oslo.variants().get(1).restockDate());
        assertEquals(new BigDecimal("78"), oslo.attributes().get("largeur_cm"));
        assertEquals(Boolean.TRUE, oslo.attributes().get("déhoussable"));
        assertNull(oslo.variants().get(0).size());
        assertEquals("42", c.bySku("TRAILX200").orElseThrow().variants().get(0).size());
    }

    @Test
    void loadsTheFixtureFaq() {
        Faq f = TestSites.faq();
        FaqIntent shipping = f.byId("shipping").orElseThrow();
        assertEquals("INTENT:returns", shipping.quickReplies().get(0).payload());
        assertEquals("Returns", shipping.quickReplies().get(0).title().get("en"));
        assertEquals("agent", f.byId("warranty_claim").orElseThrow().escalate());
        assertEquals("after-sales", f.byId("warranty_claim").orElseThrow().skill());
    }

    private static InvalidKnowledgeException catalogError(Consumer<ObjectNode> edit) {
        ObjectNode root = (ObjectNode) TestSites.json("/org/causette/bot/fixture/catalog.json").deepCopy();
        edit.accept(root);
        return assertThrows(InvalidKnowledgeException.class, () -> KnowledgeLoader.catalog(root, "catalog.json"));
    }

    private static ObjectNode product(ObjectNode root, int i) {
        return (ObjectNode) root.get("products").get(i);
    }

    private static ObjectNode variant(ObjectNode root, int p, int v) {
        return (ObjectNode) root.get("products").get(p).get("variants").get(v);
    }

    @Test
    void namesFileFieldAndProblem() {
        InvalidKnowledgeException e = catalogError(r -> variant(r, 3, 0).put("stock", -1));
        assertEquals("catalog.json", e.file());
        assertEquals("products[3].variants[0].stock", e.field());
        assertTrue(e.problem().contains("negative"), e.problem());
        assertEquals("catalog.json: products[3].variants[0].stock: must not be negative", e.getMessage());
    }

    @Test
    void rejectsBadCatalogs() {
        assertEquals("products", catalogError(r -> r.remove("products")).field());
        assertEquals("products", catalogError(r -> r.put("products", "x")).field());
        assertEquals("products[1].sku", catalogError(r -> product(r, 1).remove("sku")).field());
        assertEquals("products[1].name", catalogError(r -> product(r, 1).put("name", 12)).field());
        assertEquals("products[2].price", catalogError(r -> product(r, 2).put("price", -3)).field());
        assertEquals("products[2].price", catalogError(r -> product(r, 2).put("price", "189")).field());
        assertEquals("products[0].salePrice", catalogError(r -> product(r, 0).put("salePrice", 400)).field());
        assertEquals("products[0].variants[1].restockDate",
                catalogError(r -> variant(r, 0, 1).put("restockDate", "15/12/2026")).field());
        assertEquals("products[0].variants[0].stock", catalogError(r -> variant(r, 0, 0).put("stock", 1.5)).field());
        assertEquals("products[0].variants[0].stock", catalogError(r -> variant(r, 0, 0).remove("stock")).field());
        assertEquals("products[0].url", catalogError(r -> product(r, 0).put("url", "shop/oslo")).field());
        assertEquals("products[0].attributes.matière",
                catalogError(r -> ((ObjectNode) product(r, 0).get("attributes")).putArray("matière")).field());
    }

    @Test
    void rejectsDuplicateSkusAcrossProductsAndVariants() {
        InvalidKnowledgeException dupProduct = catalogError(r -> product(r, 4).put("sku", "OSLO"));
        assertEquals("products[4].sku", dupProduct.field());
        assertTrue(dupProduct.problem().contains("products[0].sku"), dupProduct.problem());
        assertEquals("products[1].variants[0].sku", catalogError(r -> variant(r, 1, 0).put("sku", "OSLO-GRIS")).field());
        assertEquals("products[1].sku", catalogError(r -> product(r, 1).put("sku", "bad sku|x")).field());
    }

    @Test
    void rejectsRelatedSkusThatDoNotExist() {
        InvalidKnowledgeException e = catalogError(r -> ((ArrayNode) product(r, 0).get("related")).add("NOPE"));
        assertEquals("products[0].related[1]", e.field());
        assertTrue(e.problem().contains("NOPE"));
        assertEquals("products[0].related[0]", catalogError(r -> ((ArrayNode) product(r, 0).get("related")).set(0, "OSLO-GRIS")).field());
        assertEquals("products[0].related[0]", catalogError(r -> ((ArrayNode) product(r, 0).get("related")).set(0, "OSLO")).field());
    }

    private static InvalidKnowledgeException faqError(String json) {
        JsonNode root = TestSites.parseJson(json);
        return assertThrows(InvalidKnowledgeException.class, () -> KnowledgeLoader.faq(root, "faq.json"));
    }

    @Test
    void rejectsBadFaqs() {
        assertEquals("intents", faqError("{}").field());
        assertEquals("intents[0].escalate", faqError("{\"intents\":[{\"id\":\"x\",\"escalate\":\"robot\",\"answer\":{\"fr\":\"a\"}}]}").field());
        assertEquals("intents[0].id", faqError("{\"intents\":[{\"id\":\"Bad Id\",\"answer\":{\"fr\":\"a\"}}]}").field());
        assertEquals("intents[1].id", faqError("{\"intents\":[{\"id\":\"x\",\"answer\":{\"fr\":\"a\"}},{\"id\":\"x\",\"answer\":{\"fr\":\"b\"}}]}").field());
        assertEquals("intents[0].answer", faqError("{\"intents\":[{\"id\":\"gift\",\"examples\":{\"fr\":[\"a\"]}}]}").field());
        assertEquals("intents[0].examples.fr[0]", faqError("{\"intents\":[{\"id\":\"x\",\"examples\":{\"fr\":[3]},\"answer\":{\"fr\":\"a\"}}]}").field());
        assertEquals("intents[0].examples.french", faqError("{\"intents\":[{\"id\":\"x\",\"examples\":{\"french\":[\"a\"]},\"answer\":{\"fr\":\"a\"}}]}").field());
        assertEquals("intents[0].quickReplies[0].payload", faqError("{\"intents\":[{\"id\":\"x\",\"answer\":{\"fr\":\"a\"},\"quickReplies\":[{\"title\":{\"fr\":\"t\"}}]}]}").field());
    }

    @Test
    void acceptsBuiltInIntentsWithExamplesOnlyAndEscalationsWithoutAnswer() {
        Faq f = KnowledgeLoader.faq(TestSites.parseJson("{\"intents\":[{\"id\":\"shipping\",\"examples\":{\"fr\":[\"livrez-vous ?\"]}},"
                + "{\"id\":\"repair\",\"escalate\":\"ambassador\",\"skill\":\"fauteuils\"}]}"), "faq.json");
        assertEquals(2, f.intents().size());
        assertEquals("ambassador", f.byId("repair").orElseThrow().escalate());
    }
}
