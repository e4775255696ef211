package org.causette.server.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.bot.Card;
import org.causette.bot.knowledge.Catalog;
import org.causette.bot.knowledge.Product;
import org.causette.server.config.Site;
import org.causette.server.config.scenario.CardSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The product cards of a proactive message: which products ({@link CardSource}), resolved against the site's catalog,
 * rendered by the site's bot so they look exactly like the bot's own cards. At most {@link CardSource#MAX}.
 */
final class ProactiveCards {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProactiveCards.class);
    private ProactiveCards() {
    }

    /**
     * @param pageUrl the page the visitor is on, when known (for "related" without a cart)
     * @param cart    the last cart_update's data (null: none); read only when the source needs it
     */
    static List<Card> build(CardSource source, Site site, String language, String pageUrl, Supplier<JsonNode> cart) {
        try {
            return cards(source, site, language, pageUrl, cart);
        } catch (RuntimeException e) {
            // The slot is claimed already: the message goes out without cards rather than not at all.
            log.warn("Proactive cards ({}) could not be built: {}", source.kind(), e.toString());
            return List.of();
        }
    }

    private static List<Card> cards(CardSource source, Site site, String language, String pageUrl, Supplier<JsonNode> cart) {
        Catalog catalog = site.knowledge().catalog();
        List<String> skus = switch (source.kind()) {
            case NONE -> List.of();
            case LIST -> source.skus();
            case CART -> inCart(catalog, cart.get()).stream().map(Product::sku).toList();
            case RELATED -> related(catalog, inCart(catalog, cart.get()), pageUrl);
        };
        if (skus.isEmpty()) {
            return List.of();
        }
        return site.bot().cards(skus.stream().limit(CardSource.MAX).toList(), language);
    }

    /** The products of a cart's {@code items[].sku} (a variant's SKU stands for its product), in order, once each. */
    static List<Product> inCart(Catalog catalog, JsonNode cart) {
        Set<Product> products = new LinkedHashSet<>();
        JsonNode items = cart == null ? null : cart.get("items");
        if (items != null && items.isArray()) {
            for (JsonNode item : items) {
                product(catalog, item.path("sku").asText(""))
                        .or(() -> product(catalog, item.path("productSku").asText("")))
                        .ifPresent(products::add);
            }
        }
        return new ArrayList<>(products);
    }

    /** The related products of the cart's, else of the product whose page this is; never one already in the cart. */
    static List<String> related(Catalog catalog, List<Product> cart, String pageUrl) {
        List<Product> from = cart;
        if (from.isEmpty()) {
            from = onPage(catalog, pageUrl).map(List::of).orElse(List.of());
        }
        Set<String> skus = new LinkedHashSet<>();
        for (Product product : from) {
            skus.addAll(product.related());
        }
        cart.forEach(p -> skus.remove(p.sku()));
        return List.copyOf(skus);
    }

    private static Optional<Product> product(Catalog catalog, String sku) {
        if (sku.isEmpty()) {
            return Optional.empty();
        }
        return catalog.bySku(sku).or(() -> catalog.products().stream()
                .filter(p -> p.variants().stream().anyMatch(v -> sku.equals(v.sku()))).findFirst());
    }

    /**
     * The product whose {@code url} is this page: the same address without its #fragment; a catalog url that starts
     * with "/" is compared with the page's path and query (catalogs of the shop's own origin).
     */
    static Optional<Product> onPage(Catalog catalog, String pageUrl) {
        if (pageUrl == null || pageUrl.isEmpty()) {
            return Optional.empty();
        }
        String page = withoutFragment(pageUrl);
        String pathAndQuery;
        try {
            URI uri = URI.create(page);
            pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            pathAndQuery = page;
        }
        String local = pathAndQuery;
        return catalog.products().stream().filter(p -> p.url() != null && !p.url().isEmpty()).filter(p -> {
            String url = withoutFragment(p.url());
            return url.startsWith("/") ? same(url, local) : same(url, page);
        }).findFirst();
    }

    private static boolean same(String a, String b) {
        return trimSlash(a).equals(trimSlash(b));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }
}
