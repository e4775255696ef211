package org.causette.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.causette.server.auth.StaffAuth;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.customer.ChannelLinks;
import org.causette.server.customer.CustomerErasure;
import org.causette.server.customer.CustomerExport;
import org.causette.server.customer.CustomerProfiles;
import org.causette.server.store.ChannelLink;
import org.causette.server.store.Conversation;
import org.causette.server.store.MailStore;
import org.causette.server.store.Store;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The customer routes (docs/customers.md): profile, conversation card, channel links, export and erasure. The
 * routes' roles are checked before these run: no ambassador reaches them. Runs off the event loop (store).
 */
final class CustomerViews {
    private final Store store;
    private final CustomerProfiles profiles;
    private final CustomerExport export;
    private final CustomerErasure erasure;
    private final ChannelLinks links;

    CustomerViews(Store store, MailStore mail, ConversationFeed feed, Clock clock) {
        this.store = store;
        this.profiles = new CustomerProfiles(store, feed);
        this.export = new CustomerExport(store, profiles, clock);
        this.erasure = new CustomerErasure(store, mail);
        this.links = new ChannelLinks(store, clock);
    }

    private static StaffViews.Answer badUserId(String userId) {
        String wrong = ChannelLinks.checkUserId(userId);
        return wrong == null ? null : StaffViews.Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request", wrong);
    }

    private static StaffViews.Answer unknownCustomer(String userId) {
        return StaffViews.Answer.error(HttpResponseStatus.NOT_FOUND, "not_found", "no customer " + userId);
    }

    StaffViews.Answer profile(StaffAuth.Principal principal, String userId) {
        StaffViews.Answer bad = badUserId(userId);
        if (bad != null) {
            return bad;
        }
        return profiles.profile(principal.site(), userId).map(StaffViews.Answer::ok).orElseGet(() -> unknownCustomer(userId));
    }

    StaffViews.Answer card(StaffAuth.Principal principal, String conversationId) {
        Optional<Conversation> conversation = store.findConversation(conversationId)
                .filter(c -> c.siteId().equals(principal.site().id()));
        if (conversation.isEmpty()) {
            return StaffViews.Answer.error(HttpResponseStatus.NOT_FOUND, "not_found", "no conversation " + conversationId);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        // An anonymous shopper has no customer: the card is simply empty, not an error.
        body.put("customer", profiles.card(principal.site(), conversation.get()).orElse(null));
        return StaffViews.Answer.ok(body);
    }

    StaffViews.Answer exportCustomer(StaffAuth.Principal principal, String userId) {
        StaffViews.Answer bad = badUserId(userId);
        if (bad != null) {
            return bad;
        }
        return export.customer(principal.site(), userId).map(StaffViews.Answer::ok).orElseGet(() -> unknownCustomer(userId));
    }

    StaffViews.Answer exportVisitor(StaffAuth.Principal principal, String visitorId) {
        return export.visitor(principal.site(), visitorId).map(StaffViews.Answer::ok)
                .orElseGet(() -> StaffViews.Answer.error(HttpResponseStatus.NOT_FOUND, "not_found", "no visitor " + visitorId));
    }

    StaffViews.Answer eraseCustomer(StaffAuth.Principal principal, String userId) {
        StaffViews.Answer bad = badUserId(userId);
        if (bad != null) {
            return bad;
        }
        erasure.eraseCustomer(principal.site().id(), userId);
        return new StaffViews.Answer(HttpResponseStatus.NO_CONTENT, null, null, null);
    }

    StaffViews.Answer eraseVisitor(StaffAuth.Principal principal, String visitorId) {
        erasure.eraseVisitor(principal.site().id(), visitorId);
        return new StaffViews.Answer(HttpResponseStatus.NO_CONTENT, null, null, null);
    }

    StaffViews.Answer link(StaffAuth.Principal principal, String userId, JsonNode body) {
        ChannelLinks.Result result = links.link(principal.site(), userId, body);
        if (result instanceof ChannelLinks.Result.Refused refused) {
            return refusal(refused);
        }
        ChannelLinks.Result.Done done = (ChannelLinks.Result.Done) result;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("userId", userId);
        answer.put("channel", done.link().channel());
        answer.put("externalId", done.link().externalId());
        answer.put("visitorId", done.link().visitorId());
        answer.put("linkedAt", done.link().linkedAt());
        // 201 the first time, 200 when it was there: the shop's backend may retry freely.
        return new StaffViews.Answer(done.outcome() == ChannelLink.Outcome.LINKED ? HttpResponseStatus.CREATED
                : HttpResponseStatus.OK, answer, null, null);
    }

    StaffViews.Answer unlink(StaffAuth.Principal principal, String userId, String channel, String externalId) {
        ChannelLinks.Result result = links.unlink(principal.site(), userId, channel, externalId);
        if (result instanceof ChannelLinks.Result.Refused refused) {
            return refusal(refused);
        }
        return new StaffViews.Answer(HttpResponseStatus.NO_CONTENT, null, null, null);
    }

    private static StaffViews.Answer refusal(ChannelLinks.Result.Refused refused) {
        HttpResponseStatus status = refused.code().equals("conflict") ? HttpResponseStatus.CONFLICT
                : HttpResponseStatus.BAD_REQUEST;
        return StaffViews.Answer.error(status, refused.code(), refused.message());
    }
}
