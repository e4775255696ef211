package org.causette.bot.nlu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextNormalizerTest {
    @Test
    void foldsCaseAccentsAndElisions() {
        assertEquals("ou est ma commande", TextNormalizer.normalize("OÙ est ma   commande ?"));
        assertEquals("je aimerais le oslo", TextNormalizer.normalize("J'aimerais l’Oslo"));
        assertEquals("coeur creme", TextNormalizer.normalize("Cœur crème"));
        assertEquals("don t", TextNormalizer.normalize("don't"));
        assertEquals("prix 349 99", TextNormalizer.normalize("prix: 349,99"));
    }

    @Test
    void tokensPointBackAtTheOriginalText() {
        String text = "Et l'Été, ça coûte ?";
        List<Token> tokens = TextNormalizer.tokens(text);
        assertEquals(List.of("et", "le", "ete", "ca", "coute"), tokens.stream().map(Token::text).toList());
        Token ete = tokens.get(2);
        assertEquals("Été", text.substring(ete.start(), ete.end()));
        Token le = tokens.get(1);
        assertEquals("l", text.substring(le.start(), le.end()));
    }
}
