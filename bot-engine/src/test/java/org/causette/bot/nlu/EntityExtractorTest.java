package org.causette.bot.nlu;

import org.causette.bot.Parse;
import org.causette.bot.TestSites;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntityExtractorTest {
    private static final EntityExtractor EXTRACTOR = EntityExtractor.of(TestSites.catalog());

    private static EntityExtractor.Entities extract(String text) {
        return EXTRACTOR.extract(text, TextNormalizer.tokens(text));
    }

    private static List<String> products(String text) {
        return extract(text).productSkus();
    }

    @Test
    void findsProductsByNameAliasTyposAccentsAndPartialNames() {
        assertEquals(List.of("OSLO"), products("combien coûte le fauteuil Oslo ?"));
        assertEquals(List.of("OSLO"), products("the oslo armchair please"));
        assertEquals(List.of("BIVOUAC"), products("la bivouac est dispo ?"));
        assertEquals(List.of("BIVOUAC"), products("la bivoac"));
        assertEquals(List.of("BIVOUAC"), products("tente bivuoac"));
        assertEquals(List.of("TRAILX200"), products("et les trail x ?"));
        assertEquals(List.of("BERGEN"), products("le fauteuil a bascule"));
        assertEquals(List.of("PIA"), products("LAMPE PÏA"));
        assertEquals(List.of(), products("un fauteuil pas cher"));
        assertEquals(List.of(), products("bonjour, vous livrez en belgique ?"));
    }

    @Test
    void aNamesWordsFarApartAreNotOneMention() {
        // "canapé léman" must not stretch over "canapé Cassis et le Léman" and swallow Cassis.
        EntityExtractor sofas = EntityExtractor.of(new org.causette.bot.knowledge.Catalog(List.of(
                sofa("CASSIS", "Canapé Cassis 2 places", "canapé cassis"),
                sofa("LEMAN", "Canapé Léman 3 places", "canapé léman"))));
        String text = "Quelle est la différence entre le canapé Cassis et le Léman ?";
        List<String> found = sofas.extract(text, TextNormalizer.tokens(text)).productSkus();
        assertEquals(java.util.Set.of("CASSIS", "LEMAN"), java.util.Set.copyOf(found));
    }

    private static org.causette.bot.knowledge.Product sofa(String sku, String name, String alias) {
        return new org.causette.bot.knowledge.Product(sku, name, List.of(alias), "canapes", java.math.BigDecimal.TEN, null,
                null, null, java.util.Map.of(), java.util.Map.of(), List.of(), List.of());
    }

    @Test
    void productOffsetsCoverWhatWasTyped() {
        String text = "Compare Oslo et Bergen";
        EntityExtractor.Entities e = extract(text);
        assertEquals(List.of("OSLO", "BERGEN"), e.productSkus());
        Parse.Entity oslo = e.all().stream().filter(x -> x.value().equals("OSLO")).findFirst().orElseThrow();
        assertEquals("Oslo", text.substring(oslo.start(), oslo.end()));
    }

    @Test
    void findsCategoriesColoursAndSizes() {
        EntityExtractor.Entities e = extract("un fauteuil en bleue, taille 42");
        assertEquals("fauteuils", e.first(EntityExtractor.CATEGORY));
        assertEquals("bleu", e.first(EntityExtractor.COLOR));
        assertEquals("42", e.first(EntityExtractor.SIZE));
        assertEquals("gris", extract("do you have it in grey?").first(EntityExtractor.COLOR));
        assertEquals("140x200", extract("une housse 140 x 200 cm").first(EntityExtractor.SIZE));
        assertEquals("XL", extract("en XL svp").first(EntityExtractor.SIZE));
    }

    @Test
    void learnsCategoryWordsFromProductNamesAndAliases() {
        // "armchair" is in the aliases of both "fauteuils" and of nothing else: it names the category.
        assertEquals("fauteuils", extract("do you have armchairs under 400?").first(EntityExtractor.CATEGORY));
        assertEquals(List.of(), products("do you have armchairs under 400?"));
    }

    @Test
    void findsQuantities() {
        assertEquals("2", extract("je voudrais 2 fauteuils oslo").first(EntityExtractor.QUANTITY));
        assertEquals("3", extract("trois lampes pia").first(EntityExtractor.QUANTITY));
        assertEquals("4", extract("x4 please").first(EntityExtractor.QUANTITY));
        assertNull(extract("une lampe").first(EntityExtractor.QUANTITY));
    }

    @Test
    void findsPricesAndRanges() {
        assertEquals("300", extract("ça fait 300 € ?").first(EntityExtractor.PRICE));
        assertEquals("19.9", extract("is it $19.90?").first(EntityExtractor.PRICE));
        assertEquals("..300", extract("un fauteuil à moins de 300 euros").first(EntityExtractor.PRICE_RANGE));
        assertEquals("..50", extract("a lamp under €50").first(EntityExtractor.PRICE_RANGE));
        assertEquals("100..200", extract("entre 100 et 200 €").first(EntityExtractor.PRICE_RANGE));
        assertEquals("100..200", extract("between $100 and $200").first(EntityExtractor.PRICE_RANGE));
        assertEquals("500..", extract("plus de 500 €").first(EntityExtractor.PRICE_RANGE));
        assertNull(extract("plus de 2 chaises").first(EntityExtractor.PRICE_RANGE));
    }

    @Test
    void findsOrderNumbers() {
        assertEquals("123456", extract("où en est ma commande 123456 ?").first(EntityExtractor.ORDER_NUMBER));
        assertEquals("A-12345", extract("order #A-12345 hasn't arrived").first(EntityExtractor.ORDER_NUMBER));
        assertEquals("CS-2041", extract("order ref CS-2041").first(EntityExtractor.ORDER_NUMBER));
        assertEquals("7719023", extract("commande n° 7719023").first(EntityExtractor.ORDER_NUMBER));
        EntityExtractor.Entities price = extract("il coûte 12000 € ?");
        assertNull(price.first(EntityExtractor.ORDER_NUMBER));
        assertTrue(price.all().stream().anyMatch(x -> x.type().equals(EntityExtractor.PRICE)));
    }
}
