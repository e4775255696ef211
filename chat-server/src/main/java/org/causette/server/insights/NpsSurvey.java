package org.causette.server.insights;

import org.causette.server.config.OutcomeSettings;
import org.causette.server.conversation.VisitorSession;
import org.causette.server.store.Conversation;
import org.causette.server.store.NpsAnswer;
import org.causette.server.store.Store;
import org.causette.server.store.Visitor;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.ErrorCode;
import org.causette.server.wire.ServerFrames;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The NPS question ("how likely are you to recommend us, 0 to 10"), for sites with {@code nps} in site.json: asked in
 * the widget after a closed conversation, once the shopper rated it or skipped rating, at most once per customer per
 * period. The customer is the verified user id when there is one (the same person on every device), else the
 * visitor. The ask is an atomic claim in the store: two tabs or two nodes never both ask, and only one answer per ask
 * is kept. Runs on the visitor's lane.
 */
public final class NpsSurvey {
    private final Store store;
    private final Clock clock;

    public NpsSurvey(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** After the shopper rated {@code closed} or skipped rating it: asks, on this socket, when it is time to. */
    public void afterRating(VisitorSession connection, Conversation closed) {
        OutcomeSettings settings = connection.site().outcomes();
        if (!settings.npsOn()) {
            return;
        }
        Instant now = clock.instant();
        if (store.claimNpsAsk(connection.siteId(), customerKey(connection), closed.id(), connection.visitorId(), now,
                now.plus(settings.npsPeriod()))) {
            connection.send(EncodedFrame.of(new ServerFrames.NpsRequest(closed.id()), "nps_request"));
        }
    }

    /** The shopper's answer (validated already): kept when a question waits for it, else {@code not_found}. */
    public void answer(VisitorSession connection, int score, String comment) {
        String customer = customerKey(connection);
        Instant now = clock.instant();
        Optional<String> asked = store.pendingNps(connection.siteId(), customer, now);
        boolean saved = asked.isPresent() && store.saveNpsAnswer(new NpsAnswer(connection.siteId(), asked.get(),
                connection.visitorId(), score, comment, now), customer);
        if (!saved) {
            connection.sendError(ErrorCode.NOT_FOUND, "no NPS question is waiting for an answer", null);
        }
    }

    private String customerKey(VisitorSession connection) {
        return store.findVisitor(connection.siteId(), connection.visitorId()).map(Visitor::userId)
                .map(userId -> "u:" + userId).orElse("v:" + connection.visitorId());
    }
}
