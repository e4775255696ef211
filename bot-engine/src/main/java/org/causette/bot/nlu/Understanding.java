package org.causette.bot.nlu;

import java.util.List;

/** What the NLU made of one line: its language, words, intent prediction and entities. */
public record Understanding(String text, String language, List<Token> tokens, IntentPrediction prediction,
                            EntityExtractor.Entities entities) {
}
