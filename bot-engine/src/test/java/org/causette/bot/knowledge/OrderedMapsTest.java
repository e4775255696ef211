package org.causette.bot.knowledge;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Knowledge maps iterate in the file's order, so training data and fall-back answers are the same in every JVM. */
class OrderedMapsTest {
    @Test
    void faqIntentsAndProductsKeepTheFilesOrder() {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        Map<String, String> answer = new LinkedHashMap<>();
        for (String lang : List.of("en", "fr", "de", "it", "es", "nl", "pt")) {
            examples.put(lang, List.of("example " + lang));
            answer.put(lang, "answer " + lang);
        }
        FaqIntent intent = new FaqIntent("care", examples, answer,
                List.of(new FaqIntent.FaqQuickReply(answer, "INTENT:care")), null, null);
        assertEquals(List.copyOf(examples.keySet()), List.copyOf(intent.examples().keySet()));
        assertEquals(List.copyOf(answer.values()), List.copyOf(intent.answer().values()));
        assertEquals(List.copyOf(answer.keySet()), List.copyOf(intent.quickReplies().get(0).title().keySet()));
        Product p = new Product("SKU", "Name", List.of(), null, BigDecimal.ONE, null, null, null, answer, Map.of(), List.of(), List.of());
        assertEquals(List.copyOf(answer.keySet()), List.copyOf(p.description().keySet()));
    }

    @Test
    void stillImmutableAndStillRefusesNulls() {
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("fr", null);
        assertThrows(NullPointerException.class, () -> OrderedMaps.copyOf(withNull));
        assertThrows(UnsupportedOperationException.class, () -> OrderedMaps.copyOf(Map.of("fr", "a")).put("en", "b"));
    }
}
