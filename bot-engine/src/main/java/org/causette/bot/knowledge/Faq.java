package org.causette.bot.knowledge;

import java.util.List;
import java.util.Optional;

/** The shop's faq.json: its own intents, and answers for built-in ones. */
public record Faq(List<FaqIntent> intents) {
    public static final Faq EMPTY = new Faq(List.of());

    public Faq {
        intents = List.copyOf(intents);
    }

    public Optional<FaqIntent> byId(String id) {
        return intents.stream().filter(i -> i.id().equals(id)).findFirst();
    }
}
