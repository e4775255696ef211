package org.causette.server.usecase;

import org.causette.server.conversation.ChannelIds;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.conversation.Hub;
import org.causette.server.conversation.VisitorSession;
import org.causette.server.insights.NpsSurvey;
import org.causette.server.routing.HandoverTexts;
import org.causette.server.store.Assignee;
import org.causette.server.store.ConsentRecord;
import org.causette.server.store.Conversation;
import org.causette.server.store.Lead;
import org.causette.server.store.Rating;
import org.causette.server.store.Store;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.ErrorCode;
import org.causette.server.wire.ServerFrames;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a shopper tells us about the help they got: a rating after a conversation, the NPS answer, an email left. */
final class VisitorFeedback {
    private final Store store;
    private final ConversationFeed feed;
    private final VisitorLane lane;
    private final Clock clock;
    /** The NPS question after a closed conversation (insights). */
    private final NpsSurvey npsSurvey;

    private final Hub hub;

    VisitorFeedback(Store store, ConversationFeed feed, Hub hub, VisitorLane lane, Clock clock) {
        this.hub = hub;
        this.store = store;
        this.feed = feed;
        this.lane = lane;
        this.clock = clock;
        this.npsSurvey = new NpsSurvey(store, clock);
    }

    public void rate(VisitorSession connection, int score, String comment) {
        lane.guarded(connection, null, "the rating", () -> {
            Optional<Conversation> closed = store.lastClosedConversation(connection.siteId(), connection.visitorId());
            if (closed.isEmpty()) {
                connection.sendError(ErrorCode.NOT_FOUND, "there is no closed conversation to rate", null);
                return;
            }
            if (store.rating(closed.get().id()).isPresent()) {
                // One rating per conversation and the first one wins: a second could only be a replay or a change of
                // mind after the staff member was already scored (docs/protocol.md).
                connection.sendError(ErrorCode.BAD_REQUEST, "this conversation is rated already", null);
                return;
            }
            Rating rating = new Rating(connection.siteId(), closed.get().id(), connection.visitorId(), score, comment,
                    clock.instant());
            store.saveRating(rating);
            feed.events().ratingCreated(rating);
            // The person who helped hears of it now, on every node: an ambassador's thanks panel counts it live.
            Assignee helper = closed.get().assignee();
            if (helper != null && helper.staffId() != null) {
                hub.toStaff(connection.siteId(), helper.staffId(), EncodedFrame.of(
                        new ServerFrames.Rated(closed.get().id(), score, comment), "rated"), null);
            }
            npsSurvey.afterRating(connection, closed.get());
        });
    }

    /** The shopper closed the rating form without rating; the NPS question may follow. */
    public void rateSkipped(VisitorSession connection) {
        lane.guarded(connection, null, "the skip", () -> {
            Optional<Conversation> closed = store.lastClosedConversation(connection.siteId(), connection.visitorId());
            if (closed.isEmpty()) {
                connection.sendError(ErrorCode.NOT_FOUND, "there is no closed conversation to rate", null);
                return;
            }
            npsSurvey.afterRating(connection, closed.get());
        });
    }

    /** The answer to the NPS question (docs/marketing.md). */
    public void nps(VisitorSession connection, int score, String comment) {
        lane.guarded(connection, null, "the answer", () -> npsSurvey.answer(connection, score, comment));
    }

    /** An email left (with consent) for when people are back: stored as a lead staff see in the console and report. */
    public void lead(VisitorSession connection, String email, String note) {
        lane.guarded(connection, null, "the email", () -> {
            Optional<Conversation> open = store.findOpenConversation(connection.siteId(), connection.visitorId(), ChannelIds.WEB);
            String language = open.map(c -> c.languageOr(null)).orElse(null);
            if (language == null) {
                language = connection.locale() != null && connection.locale().startsWith("en") ? "en"
                        : connection.site().config().defaultLanguage();
            }
            Lead lead = new Lead(UUID.randomUUID().toString(), connection.siteId(), connection.visitorId(),
                    open.map(Conversation::id).orElse(null), email, note, language, clock.instant());
            Consents.record(store, clock, connection.siteId(), connection.visitorId(), ConsentRecord.CONTACT, true,
                    ConsentRecord.FROM_LEAD_FORM, false);
            store.saveLead(lead);
            feed.events().leadCaptured(lead);
            if (open.isPresent()) {
                feed.announce(open.get(), HandoverTexts.in(language).leadThanks(email), List.of());
            }
        });
    }
}
