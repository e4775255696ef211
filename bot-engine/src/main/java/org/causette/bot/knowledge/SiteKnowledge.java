package org.causette.bot.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * Everything the bot needs to know about one shop.
 *
 * @param siteId    the site's id
 * @param siteName  the shop's name as shoppers know it
 * @param botName   the bot's name ("Lumi")
 * @param languages the shop's languages, the default first ("fr", "en")
 * @param currency  ISO 4217 code ("EUR")
 */
public record SiteKnowledge(String siteId, String siteName, String botName, List<String> languages, String currency,
                            Catalog catalog, Faq faq) {
    public SiteKnowledge {
        Objects.requireNonNull(siteId, "siteId");
        languages = List.copyOf(languages);
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(faq, "faq");
    }

    public String defaultLanguage() {
        return languages.isEmpty() ? "en" : languages.get(0);
    }
}
