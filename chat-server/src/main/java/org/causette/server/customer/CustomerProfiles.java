package org.causette.server.customer;

import org.causette.server.config.Site;
import org.causette.server.conversation.ChannelIds;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.store.ConsentRecord;
import org.causette.server.store.Conversation;
import org.causette.server.store.Store;
import org.causette.server.store.Visitor;
import org.causette.server.store.VisitorEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one view of a customer for agents and admins: every visitor of a verified {@code userId} (devices and linked
 * channels) read together. Ambassadors never get here (the routes refuse them): it is all personal data.
 */
public final class CustomerProfiles {
    /** The profile lists at most this many events, the newest; the export has them all. */
    public static final int PROFILE_EVENTS = 200;
    /** The conversation card lists at most this many other conversations. */
    public static final int CARD_CONVERSATIONS = 20;

    private final Store store;
    private final ConversationFeed feed;

    public CustomerProfiles(Store store, ConversationFeed feed) {
        this.store = Objects.requireNonNull(store, "store");
        this.feed = Objects.requireNonNull(feed, "feed");
    }

    /** The channel a visitor id belongs to: channels make their visitors' ids from the shopper's id there. */
    static String channelOf(String visitorId) {
        return ChannelIds.channelOf(visitorId);
    }

    /** Everything read once per customer, shared by the profile, the card and the export. */
    record Gathered(String userId, List<String> visitorIds, List<Visitor> visitors, List<Conversation> conversations,
                    List<VisitorEvent> events, List<ConsentRecord> consent) {
        Optional<Visitor> identified() {
            // The visitor a verified identity was last written to carries the name and email the shop sent.
            return visitors.stream().filter(v -> v.userId() != null && (userId == null || userId.equals(v.userId())))
                    .filter(v -> v.email() != null || v.name() != null).findFirst();
        }

        Instant firstSeen() {
            return Stream.of(visitors.stream().map(Visitor::createdAt), conversations.stream().map(Conversation::createdAt),
                    events.stream().map(VisitorEvent::ts)).flatMap(s -> s).filter(Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(null);
        }

        Instant lastSeen() {
            return Stream.of(visitors.stream().map(Visitor::createdAt), conversations.stream().map(Conversation::updatedAt),
                    events.stream().map(VisitorEvent::ts), consent.stream().map(ConsentRecord::ts)).flatMap(s -> s)
                    .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        }
    }

    Gathered gather(String siteId, String userId, List<String> visitorIds) {
        List<Visitor> visitors = new ArrayList<>();
        List<Conversation> conversations = new ArrayList<>();
        List<VisitorEvent> events = new ArrayList<>();
        List<ConsentRecord> consent = new ArrayList<>();
        for (String visitorId : visitorIds) {
            store.findVisitor(siteId, visitorId).ifPresent(visitors::add);
            conversations.addAll(store.conversationsOfVisitor(siteId, visitorId));
            events.addAll(store.events(siteId, visitorId));
            consent.addAll(store.consentHistory(siteId, visitorId));
        }
        conversations.sort(Comparator.comparing(Conversation::createdAt).reversed().thenComparing(Conversation::id));
        events.sort(Comparator.comparing(VisitorEvent::ts));
        consent.sort(Comparator.comparing(ConsentRecord::ts));
        return new Gathered(userId, visitorIds, visitors, conversations, events, consent);
    }

    /** The customer's profile, or empty when no visitor is known under that id. */
    public Optional<Map<String, Object>> profile(Site site, String userId) {
        List<String> visitorIds = store.customerVisitors(site.id(), userId);
        if (visitorIds.isEmpty()) {
            return Optional.empty();
        }
        Gathered g = gather(site.id(), userId, visitorIds);
        Purchases purchases = Purchases.of(g.events(), site.config().currency());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("name", g.identified().map(Visitor::name).orElse(null));
        body.put("email", g.identified().map(Visitor::email).orElse(null));
        body.put("detailsVerified", g.identified().map(Visitor::detailsVerified).orElse(false));
        body.put("visitors", visitorIds.stream().map(id -> visitorRow(id, g)).toList());
        LinkedHashSet<String> channels = new LinkedHashSet<>();
        visitorIds.forEach(id -> channels.add(channelOf(id)));
        g.conversations().forEach(c -> channels.add(c.channel()));
        body.put("channels", List.copyOf(channels));
        body.put("links", store.channelLinks(site.id(), userId).stream().map(CustomerExport::link).toList());
        body.put("conversations", g.conversations().stream().map(this::conversationRow).toList());
        List<VisitorEvent> newest = g.events().stream().sorted(Comparator.comparing(VisitorEvent::ts).reversed())
                .limit(PROFILE_EVENTS).toList();
        body.put("events", newest.stream().map(CustomerExport::event).toList());
        body.put("eventCount", g.events().size());
        body.put("purchases", purchases.list());
        body.put("purchaseCount", purchases.list().size());
        body.put("lifetimeValue", purchases.lifetimeValue());
        body.put("currency", site.config().currency());
        body.put("firstSeen", g.firstSeen());
        body.put("lastSeen", g.lastSeen());
        body.put("consent", Map.of("history", g.consent().stream().map(CustomerExport::consent).toList()));
        return Optional.of(body);
    }

    private Map<String, Object> visitorRow(String visitorId, Gathered g) {
        Optional<Visitor> visitor = g.visitors().stream().filter(v -> v.id().equals(visitorId)).findFirst();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", visitorId);
        row.put("channel", channelOf(visitorId));
        row.put("createdAt", visitor.map(Visitor::createdAt).orElse(null));
        row.put("locale", visitor.map(Visitor::locale).orElse(null));
        row.put("consent", visitor.map(Visitor::consent).orElse(false));
        return row;
    }

    private Map<String, Object> conversationRow(Conversation c) {
        Map<String, Object> row = new LinkedHashMap<>();
        var summary = feed.summary(c, false);
        row.put("conversationId", c.id());
        row.put("channel", c.channel());
        row.put("state", c.state().wireName());
        row.put("visitorId", c.visitorId());
        row.put("lastMessage", summary.lastMessage());
        row.put("createdAt", c.createdAt());
        row.put("closedAt", c.closedAt());
        row.put("reason", c.reason());
        return row;
    }

    /**
     * The compact card the console shows beside a conversation: who the customer is, what they bought, and their
     * other conversations on every channel. Empty when the conversation's shopper is no known customer.
     */
    public Optional<Map<String, Object>> card(Site site, Conversation conversation) {
        Optional<String> userId = store.customerOfVisitor(site.id(), conversation.visitorId());
        if (userId.isEmpty()) {
            return Optional.empty();
        }
        List<String> visitorIds = store.customerVisitors(site.id(), userId.get());
        Gathered g = gather(site.id(), userId.get(), visitorIds);
        Purchases purchases = Purchases.of(g.events(), site.config().currency());
        List<Conversation> others = g.conversations().stream().filter(c -> !c.id().equals(conversation.id())).toList();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("userId", userId.get());
        card.put("name", g.identified().map(Visitor::name).orElse(null));
        card.put("lifetimeValue", purchases.lifetimeValue());
        card.put("currency", site.config().currency());
        card.put("purchaseCount", purchases.list().size());
        card.put("conversationCount", g.conversations().size());
        card.put("otherConversations", others.stream().limit(CARD_CONVERSATIONS).map(this::conversationRow).toList());
        return Optional.of(card);
    }
}
