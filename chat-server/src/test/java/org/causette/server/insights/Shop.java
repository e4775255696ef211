package org.causette.server.insights;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.config.BusinessHours;
import org.causette.server.config.OutcomeSettings;
import org.causette.server.config.RoutingSettings;
import org.causette.server.config.Site;
import org.causette.server.config.SiteConfig;
import org.causette.server.config.StaffMember;
import org.causette.server.config.scenario.Scenarios;
import org.causette.server.store.Author;
import org.causette.server.store.Conversation;
import org.causette.server.store.MessageDraft;
import org.causette.server.store.Role;
import org.causette.server.store.Store;
import org.causette.server.store.VisitorEvent;
import org.causette.server.wire.Json;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** A site in EUR with an agent (Anna) and two ambassadors (Léo, Mia), and a way to write conversations at set times. */
final class Shop {
    static final String ID = "insights-shop";
    final Store store;
    final Site site;

    Shop(Store store, int attributionDays) {
        this.store = store;
        SiteConfig config = new SiteConfig(ID, "Insights Shop", List.of("fr", "en"), "EUR", List.of(),
                BusinessHours.alwaysOpen(ZoneOffset.UTC), null, false, 365, "Testy", null, null, RoutingSettings.DEFAULTS,
                List.of());
        List<StaffMember> staff = List.of(
                new StaffMember("anna", "Anna", StaffMember.StaffRole.AGENT, List.of(), List.of(), List.of("fr"), 3, "x"),
                new StaffMember("leo", "Léo", StaffMember.StaffRole.AMBASSADOR, List.of(), List.of(), List.of("fr"), 2, "x"),
                new StaffMember("mia", "Mia", StaffMember.StaffRole.AMBASSADOR, List.of(), List.of(), List.of("fr"), 2, "x"));
        this.site = new Site(config, staff, null, null, new byte[0], Scenarios.NONE,
                new OutcomeSettings(Duration.ofDays(attributionDays), Duration.ofDays(90)));
    }

    static final Author ANNA = new Author(Role.AGENT, "anna", "Anna");
    static final Author LEO = new Author(Role.AMBASSADOR, "leo", "Léo");

    Conversation open(String visitorId, String channel, Instant at) {
        return store.openConversation(Conversation.open(UUID.randomUUID().toString(), ID, visitorId, channel, at));
    }

    void say(Conversation c, Author author, String text, Instant at) {
        store.append(c.id(), new MessageDraft(author, null, text, null, List.of(), List.of(), false, at));
    }

    /** The bot lets go at {@code at}: people may write from then on. */
    void handOver(Conversation c, Instant at) {
        store.update(c.id(), x -> x.queued("human_request", null, "agent", at));
    }

    void close(Conversation c, Instant at) {
        store.update(c.id(), x -> x.closed("done", at));
    }

    VisitorEvent purchase(String visitorId, String orderId, double value, String currency, Instant at) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("value", value).put("currency", currency);
        if (orderId != null) {
            data.put("orderId", orderId);
        }
        return new VisitorEvent(ID, visitorId, "purchase", data, at);
    }

    VisitorEvent event(String visitorId, String name, Instant at) {
        return new VisitorEvent(ID, visitorId, name, Json.MAPPER.createObjectNode().put("value", 10), at);
    }
}
