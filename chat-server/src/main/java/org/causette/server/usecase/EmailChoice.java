package org.causette.server.usecase;

import org.causette.server.conversation.ChannelIds;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.conversation.VisitorSession;
import org.causette.server.store.ConsentRecord;
import org.causette.server.store.Conversation;
import org.causette.server.store.MailContact;
import org.causette.server.store.MailStore;
import org.causette.server.store.Store;
import org.causette.server.store.Visitor;
import org.causette.server.wire.ErrorCode;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The widget's "email me the answer" (docs/email.md): the shopper, waiting for a person, agrees to get the reply by
 * email if they leave: at the address they type, or the one of their verified identity. Kept with its consent record.
 */
final class EmailChoice {
    private final Store store;
    private final MailStore mail;
    private final ConversationFeed feed;
    private final VisitorLane lane;
    private final Clock clock;

    EmailChoice(Store store, MailStore mail, ConversationFeed feed, VisitorLane lane, Clock clock) {
        this.store = store;
        this.mail = mail;
        this.feed = feed;
        this.lane = lane;
        this.clock = clock;
    }

    /** What the shopper reads once the choice is kept (here rather than in the hand-over texts: not a hand-over step). */
    static String thanks(String language, String address) {
        return "fr".equals(language)
                ? "C'est noté : si vous quittez la page, la réponse vous sera envoyée à " + address + "."
                : "Noted: if you leave the page, the answer will be sent to " + address + ".";
    }

    /** @param email the address typed, or null for the verified identity's */
    void emailMe(VisitorSession connection, String email) {
        if (connection.site().mail().isEmpty()) {
            connection.sendError(ErrorCode.BAD_REQUEST, "this shop does not send replies by email", null);
            return;
        }
        lane.guarded(connection, null, "the email choice", () -> {
            String address = email;
            String source = MailContact.FROM_EMAIL_ME;
            if (address == null) {
                address = store.findVisitor(connection.siteId(), connection.visitorId())
                        .filter(v -> v.userId() != null).map(Visitor::email).orElse(null);
                source = MailContact.FROM_IDENTITY;
            }
            if (address == null) {
                connection.sendError(ErrorCode.BAD_REQUEST, "email is needed: no verified identity gives one", null);
                return;
            }
            Optional<Conversation> open = store.findOpenConversation(connection.siteId(), connection.visitorId(), ChannelIds.WEB);
            String language = open.map(c -> c.languageOr(null)).orElse(null);
            if (language == null) {
                language = connection.locale() != null && connection.locale().startsWith("en") ? "en"
                        : connection.site().config().defaultLanguage();
            }
            Consents.record(store, clock, connection.siteId(), connection.visitorId(), ConsentRecord.CONTACT, true,
                    ConsentRecord.FROM_EMAIL_ME, false);
            mail.saveMailContact(new MailContact(connection.siteId(), connection.visitorId(), address, source, language,
                    clock.instant()));
            if (open.isPresent()) {
                feed.announce(open.get(), thanks(language, address), List.of());
            }
        });
    }
}
