package org.causette.bot.nlu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeatureExtractorTest {
    @Test
    void wordsBigramsAndBoundedCharacterGrams() {
        assertEquals(List.of("w=ok", "b=^_ok", "c=<ok>", "b=ok_$"), List.of(FeatureExtractor.features("OK!")));
        assertEquals(List.of("w=thx", "b=^_thx", "c=<thx", "c=thx>", "b=thx_$"), List.of(FeatureExtractor.features("thx")));
        assertEquals(List.of("w=livre", "b=^_livre", "c=<liv", "c=livr", "c=ivre", "c=vre>", "b=livre_$"),
                List.of(FeatureExtractor.features("livré")));
        assertEquals(List.of("w=#long", "b=^_#long", "b=#long_$"), List.of(FeatureExtractor.features("123456")));
        assertEquals(List.of("empty"), List.of(FeatureExtractor.features("?!")));
    }
}
