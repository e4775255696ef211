package org.causette.server.customer;

import org.causette.server.config.Site;
import org.causette.server.store.ChannelLink;
import org.causette.server.store.ConsentRecord;
import org.causette.server.store.Conversation;
import org.causette.server.store.Lead;
import org.causette.server.store.Store;
import org.causette.server.store.StoredMessage;
import org.causette.server.store.Visitor;
import org.causette.server.store.VisitorEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything held about one person, as one JSON document (the right of access and portability): profiles, verified
 * identity, conversations with every message (internal notes too, marked: they are held about the person; the
 * admin sending the file decides), events, purchases, ratings, leads, consent history and channel links.
 */
public final class CustomerExport {
    /** The document's format, so a reader can tell versions apart. */
    public static final String FORMAT = "causette-export/1";
    private static final int PAGE = 500;

    private final Store store;
    private final CustomerProfiles profiles;
    private final Clock clock;

    public CustomerExport(Store store, CustomerProfiles profiles, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A customer's document, or empty when no visitor is known under that id. */
    public Optional<Map<String, Object>> customer(Site site, String userId) {
        List<String> visitorIds = store.customerVisitors(site.id(), userId);
        if (visitorIds.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("type", "customer");
        subject.put("userId", userId);
        return Optional.of(document(site, subject, userId, visitorIds));
    }

    /** One visitor's document, or empty when nothing is held about that visitor id. */
    public Optional<Map<String, Object>> visitor(Site site, String visitorId) {
        boolean known = store.findVisitor(site.id(), visitorId).isPresent()
                || !store.conversationsOfVisitor(site.id(), visitorId).isEmpty()
                || !store.events(site.id(), visitorId).isEmpty()
                || !store.consentHistory(site.id(), visitorId).isEmpty();
        if (!known) {
            return Optional.empty();
        }
        String userId = store.customerOfVisitor(site.id(), visitorId).orElse(null);
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("type", "visitor");
        subject.put("visitorId", visitorId);
        subject.put("userId", userId);
        return Optional.of(document(site, subject, userId, List.of(visitorId)));
    }

    private Map<String, Object> document(Site site, Map<String, Object> subject, String userId, List<String> visitorIds) {
        CustomerProfiles.Gathered g = profiles.gather(site.id(), userId, visitorIds);
        Purchases purchases = Purchases.of(g.events(), site.config().currency());
        Set<String> mine = Set.copyOf(visitorIds);
        Instant now = clock.instant();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("exportedAt", now);
        doc.put("site", site.id());
        doc.put("subject", subject);
        doc.put("identity", g.identified().map(v -> {
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("userId", v.userId());
            identity.put("email", v.email());
            identity.put("name", v.name());
            return identity;
        }).orElse(null));
        doc.put("visitors", g.visitors().stream().map(CustomerExport::visitor).toList());
        doc.put("channelLinks", userId == null ? List.of() : store.channelLinks(site.id(), userId).stream()
                .filter(l -> mine.contains(l.visitorId())).map(CustomerExport::link).toList());
        List<Map<String, Object>> conversations = new ArrayList<>();
        List<Map<String, Object>> ratings = new ArrayList<>();
        for (Conversation c : g.conversations()) {
            conversations.add(conversation(c));
            store.rating(c.id()).ifPresent(r -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("conversationId", r.conversationId());
                row.put("visitorId", r.visitorId());
                row.put("score", r.score());
                row.put("comment", r.comment());
                row.put("ts", r.ts());
                ratings.add(row);
            });
        }
        doc.put("conversations", conversations);
        doc.put("events", g.events().stream().map(CustomerExport::event).toList());
        doc.put("purchases", purchases.list());
        doc.put("lifetimeValue", purchases.lifetimeValue());
        doc.put("currency", site.config().currency());
        doc.put("ratings", ratings);
        // Leads are kept by site and time; a person's are few, and export is rare.
        doc.put("leads", store.leads(site.id(), Instant.EPOCH, now.plus(Duration.ofDays(1))).stream()
                .filter(l -> mine.contains(l.visitorId())).map(CustomerExport::lead).toList());
        doc.put("consentHistory", g.consent().stream().map(CustomerExport::consent).toList());
        return doc;
    }

    private Map<String, Object> conversation(Conversation c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("conversationId", c.id());
        row.put("visitorId", c.visitorId());
        row.put("channel", c.channel());
        row.put("state", c.state().wireName());
        row.put("language", c.language());
        row.put("createdAt", c.createdAt());
        row.put("closedAt", c.closedAt());
        List<Map<String, Object>> messages = new ArrayList<>();
        long after = 0;
        while (true) {
            List<StoredMessage> page = store.messagesAfter(c.id(), after, PAGE);
            for (StoredMessage m : page) {
                messages.add(message(m));
                after = m.seq();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        row.put("messages", messages);
        return row;
    }

    private static Map<String, Object> message(StoredMessage m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seq", m.seq());
        row.put("id", m.id());
        row.put("role", m.from().role().wireName());
        row.put("name", m.from().name());
        row.put("text", m.text());
        row.put("payload", m.payload());
        row.put("internal", m.internal());
        row.put("ts", m.ts());
        return row;
    }

    private static Map<String, Object> visitor(Visitor v) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", v.id());
        row.put("channel", CustomerProfiles.channelOf(v.id()));
        row.put("createdAt", v.createdAt());
        row.put("userId", v.userId());
        row.put("email", v.email());
        row.put("name", v.name());
        row.put("locale", v.locale());
        row.put("consent", v.consent());
        return row;
    }

    static Map<String, Object> link(ChannelLink l) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("channel", l.channel());
        row.put("externalId", l.externalId());
        row.put("visitorId", l.visitorId());
        row.put("linkedAt", l.linkedAt());
        return row;
    }

    static Map<String, Object> event(VisitorEvent e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("visitorId", e.visitorId());
        row.put("name", e.name());
        row.put("data", e.data());
        row.put("ts", e.ts());
        return row;
    }

    static Map<String, Object> consent(ConsentRecord r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("visitorId", r.visitorId());
        row.put("purpose", r.purpose());
        row.put("granted", r.granted());
        row.put("source", r.source());
        row.put("ts", r.ts());
        return row;
    }

    private static Map<String, Object> lead(Lead l) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", l.id());
        row.put("visitorId", l.visitorId());
        row.put("conversationId", l.conversationId());
        row.put("email", l.email());
        row.put("note", l.note());
        row.put("language", l.language());
        row.put("ts", l.ts());
        return row;
    }
}
