package org.causette.server.usecase;

import org.causette.server.auth.StaffAuth;
import org.causette.server.config.Site;
import org.causette.server.config.StaffMember;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.conversation.Hub;
import org.causette.server.conversation.Lanes;
import org.causette.server.conversation.StaffSession;
import org.causette.server.routing.HandoverTexts;
import org.causette.server.routing.Router;
import org.causette.server.store.AppendResult;
import org.causette.server.store.Author;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.ConversationStore;
import org.causette.server.store.MessageDraft;
import org.causette.server.store.Role;
import org.causette.server.store.StoreUnavailableException;
import org.causette.server.store.StoredMessage;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.ErrorCode;
import org.causette.server.wire.ServerFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What staff do (docs/protocol.md), each command checked against the person's role and run on the conversation's
 * visitor lane: agents and admins work any conversation of their site they hold (admins also supervise: close,
 * transfer, read any); ambassadors only conversations offered to the community or held by them, and never see
 * internal notes or the shopper's identity.
 */
public final class StaffService {
    private static final Logger log = LoggerFactory.getLogger(StaffService.class);
    public static final int MAX_HISTORY = 200;

    private final ConversationStore store;
    private final Lanes lanes;
    private final Hub hub;
    private final ConversationFeed feed;
    private final Router router;
    private final StaffAuth auth;
    private final Clock clock;

    /**
     * A queue change waits this long before staff are sent the queue, so a burst of changes (shoppers writing while in
     * line, several hand-overs at once) costs one rebuild of the queue's summaries instead of one each.
     */
    public static final java.time.Duration QUEUE_PUSH_DELAY = java.time.Duration.ofMillis(150);
    /**
     * A queue frame lists at most this many conversations (the longest waiting) with the queue's length: a person
     * picks from the head of the line, and a frame that grows with the queue, sent to every staff socket, would cost
     * (queue × staff) bytes per change — 50 MB for 145 waiting and 1,000 staff online.
     */
    public static final int QUEUE_FRAME_ITEMS = 50;

    private final java.util.concurrent.ScheduledExecutorService scheduler;
    private final java.util.Set<String> queuePushPending = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param scheduler runs the coalesced queue pushes (they read the store: never an event loop) */
    public StaffService(ConversationStore store, Lanes lanes, Hub hub, ConversationFeed feed, Router router, StaffAuth auth, Clock clock,
                        java.util.concurrent.ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        this.store = store;
        this.lanes = lanes;
        this.hub = hub;
        this.feed = feed;
        this.router = router;
        this.auth = auth;
        this.clock = clock;
        hub.onQueueChanged(this::queueChanged);
    }

    // ---- connection --------------------------------------------------------------------------------------------

    public void hello(StaffSession connection, String token, Runnable onReady, Runnable onRefused) {
        run(connection, "auth/" + UUID.randomUUID(), null, () -> {
            Optional<StaffAuth.Principal> principal = auth.authenticate(token);
            if (principal.isEmpty()) {
                connection.sendError(ErrorCode.UNAUTHORIZED, "the token is not valid (expired, revoked or forged)", null);
                onRefused.run();
                return;
            }
            Site site = principal.get().site();
            StaffMember me = principal.get().staff();
            connection.bind(site, me, principal.get().tokenHash());
            hub.staff().add(connection);
            router.presence().connected(site.id(), me.id());
            boolean ambassador = connection.isAmbassador();
            List<ServerFrames.Summary> held = store.assigned(site.id()).stream().filter(c -> c.heldBy(me.id()))
                    .map(c -> feed.summary(c, ambassador)).toList();
            connection.send(EncodedFrame.of(new ServerFrames.StaffWelcome(new ServerFrames.StaffIdentity(me.id(), me.name(),
                    me.role().wireName(), site.id()), held, queueView(store.queue(site.id()), ambassador)), "welcome"));
            onReady.run();
            // A queue push that read the queue before this welcome could still be written after it: one more push
            // makes the newest queue the last one this socket gets.
            queueChanged(site.id());
            router.route(site.id());
        });
    }

    public void disconnected(StaffSession connection) {
        if (connection.staff() == null) {
            return;
        }
        if (hub.staff().remove(connection)) {
            run(connection, "staff/" + connection.siteId() + "/" + connection.staff().id(), null,
                    () -> router.presence().disconnected(connection.siteId(), connection.staff().id()));
        }
    }

    public void presence(StaffSession connection, String status) {
        run(connection, "staff/" + connection.siteId() + "/" + connection.staff().id(), null, () -> {
            router.presence().set(connection.siteId(), connection.staff().id(), status);
            if (status.equals("online")) {
                router.route(connection.siteId());
            }
        });
    }

    // ---- conversation commands ---------------------------------------------------------------------------------

    public void accept(StaffSession connection, String conversationId) {
        onConversation(connection, conversationId, conversationId, c -> {
            StaffMember me = connection.staff();
            if (c.heldBy(me.id())) {
                connection.send(EncodedFrame.of(new ServerFrames.Assigned(feed.summary(c, connection.isAmbassador()),
                        feed.staffMessages(c, connection.isAmbassador(), c.lastSeq() + 1, ConversationFeed.ASSIGNED_HISTORY)), "assigned"));
                return;
            }
            if (c.state() != ConversationState.QUEUED) {
                connection.sendError(ErrorCode.NOT_FOUND, "this conversation is not waiting for anyone", conversationId);
                return;
            }
            if (connection.isAmbassador() && !"ambassador".equals(c.target())) {
                connection.sendError(ErrorCode.UNAUTHORIZED, "ambassadors take only conversations offered to the community", conversationId);
                return;
            }
            if (router.assign(connection.site(), conversationId, me, x -> x.state() == ConversationState.QUEUED, null).isEmpty()) {
                connection.sendError(ErrorCode.NOT_FOUND, "someone else took this conversation", conversationId);
                return;
            }
            hub.queueChanged(c.siteId());
        });
    }

    public void message(StaffSession connection, String conversationId, String clientId, String text, boolean internal) {
        onConversation(connection, conversationId, clientId, c -> {
            StaffMember me = connection.staff();
            boolean holder = c.heldBy(me.id());
            if (!holder && !(internal && isAdmin(connection))) {
                connection.sendError(ErrorCode.UNAUTHORIZED, "only the person holding a conversation writes in it", clientId);
                return;
            }
            Author author = new Author(connection.isAmbassador() ? Role.AMBASSADOR : Role.AGENT, me.id(), me.name());
            Optional<StoredMessage> earlier = store.findByClientId(c.siteId(), author, clientId);
            AppendResult result = earlier.map(m -> new AppendResult(m, true)).orElseGet(() -> feed.post(c,
                    new MessageDraft(author, clientId, text, null, List.of(), List.of(), internal, clock.instant()), null, connection));
            StoredMessage stored = result.message();
            connection.send(EncodedFrame.of(new ServerFrames.Ack(clientId, stored.conversationId(), stored.seq(), stored.id(),
                    stored.ts()), "ack"));
            if (!result.duplicate() && holder && !internal && c.answeredAt() == null) {
                store.updateIf(c.id(), x -> x.heldBy(me.id()), x -> x.answered(clock.instant()));
            }
        });
    }

    public void transfer(StaffSession connection, String conversationId, String toStaffId, String toSkill) {
        onConversation(connection, conversationId, conversationId, c -> {
            if (!mayManage(connection, c)) {
                return;
            }
            String holder = c.assignee().staffId();
            Site site = connection.site();
            HandoverTexts texts = HandoverTexts.in(c.languageOr(site.config().defaultLanguage()));
            if (toStaffId != null) {
                Optional<StaffMember> target = site.staffMember(toStaffId);
                if (target.isEmpty() || target.get().role() == StaffMember.StaffRole.ADMIN) {
                    connection.sendError(ErrorCode.NOT_FOUND, "no agent or ambassador \"" + toStaffId + "\" here", conversationId);
                    return;
                }
                if (!router.presence().online(site.id()).contains(toStaffId)) {
                    connection.sendError(ErrorCode.UNAVAILABLE, target.get().name() + " is not online", conversationId);
                    return;
                }
                feed.announce(c, texts.transferred(), List.of());
                if (router.assign(site, c.id(), target.get(), x -> x.heldBy(holder), holder).isEmpty()) {
                    connection.sendError(ErrorCode.NOT_FOUND, "the conversation changed hands meanwhile", conversationId);
                }
                return;
            }
            Optional<Conversation> queued = store.updateIf(c.id(), x -> x.heldBy(holder),
                    x -> x.queued("transfer", toSkill, "agent", clock.instant()));
            if (queued.isEmpty()) {
                connection.sendError(ErrorCode.NOT_FOUND, "the conversation changed hands meanwhile", conversationId);
                return;
            }
            hub.toStaff(site.id(), holder, EncodedFrame.of(new ServerFrames.Unassigned(c.id(), "transferred"), "unassigned"), null);
            feed.announce(queued.get(), texts.transferred(), List.of());
            int[] place = router.placeInLine(queued.get());
            feed.state(queued.get(), place[0], place[1]);
            hub.queueChanged(site.id());
            router.route(site.id());
        });
    }

    public void handback(StaffSession connection, String conversationId) {
        onConversation(connection, conversationId, conversationId, c -> {
            if (!mayManage(connection, c)) {
                return;
            }
            String holder = c.assignee().staffId();
            Optional<Conversation> back = store.updateIf(c.id(), x -> x.heldBy(holder), x -> x.handedBack(clock.instant()));
            if (back.isEmpty()) {
                connection.sendError(ErrorCode.NOT_FOUND, "the conversation changed hands meanwhile", conversationId);
                return;
            }
            Site site = connection.site();
            hub.toStaff(site.id(), holder, EncodedFrame.of(new ServerFrames.Unassigned(c.id(), "handback"), "unassigned"), null);
            feed.announce(back.get(), HandoverTexts.in(c.languageOr(site.config().defaultLanguage()))
                    .backToBot(site.config().botName()), List.of());
            feed.state(back.get(), null, null);
            router.forget(c.id());
            router.route(site.id());
        });
    }

    public void close(StaffSession connection, String conversationId) {
        onConversation(connection, conversationId, conversationId, c -> {
            boolean holder = c.heldBy(connection.staff().id());
            if (!holder && !isAdmin(connection)) {
                connection.sendError(ErrorCode.UNAUTHORIZED, "only the person holding a conversation or an admin closes it", conversationId);
                return;
            }
            if (!c.state().isOpen()) {
                connection.sendError(ErrorCode.NOT_FOUND, "this conversation is already closed", conversationId);
                return;
            }
            ConversationState before = c.state();
            Optional<Conversation> closed = store.updateIf(c.id(), x -> x.state() == before
                    && (before != ConversationState.ASSIGNED || x.assignee().equals(c.assignee())), x -> x.closed("closed", clock.instant()));
            if (closed.isEmpty()) {
                connection.sendError(ErrorCode.NOT_FOUND, "the conversation changed meanwhile; look again", conversationId);
                return;
            }
            Site site = connection.site();
            // Said before the state change, while the holder still receives the conversation's messages.
            feed.announce(c, HandoverTexts.in(c.languageOr(site.config().defaultLanguage())).closed(), List.of());
            feed.state(closed.get(), null, null);
            feed.events().conversationClosed(closed.get());
            if (!holder && c.assignee() != null) {
                hub.toStaff(site.id(), c.assignee().staffId(), EncodedFrame.of(new ServerFrames.Unassigned(c.id(), "closed"), "unassigned"), null);
            }
            if (before == ConversationState.QUEUED) {
                hub.queueChanged(site.id());
            }
            router.forget(c.id());
            router.route(site.id());
        });
    }

    public void typing(StaffSession connection, String conversationId, boolean on) {
        onConversation(connection, conversationId, null, c -> {
            if (c.heldBy(connection.staff().id())) {
                feed.typing(c, new ServerFrames.From(c.assignee().role().wireName(), c.assignee().name()), on);
            } else {
                connection.sendError(ErrorCode.UNAUTHORIZED, "you do not hold this conversation", conversationId);
            }
        });
    }

    public void read(StaffSession connection, String conversationId, long seq) {
        onConversation(connection, conversationId, null, c -> {
            if (!c.heldBy(connection.staff().id())) {
                connection.sendError(ErrorCode.UNAUTHORIZED, "you do not hold this conversation", conversationId);
                return;
            }
            Optional<Conversation> marked = store.updateIf(c.id(), x -> x.heldBy(connection.staff().id()), x -> x.readByStaff(seq));
            marked.ifPresent(m -> hub.toVisitor(c.siteId(), c.visitorId(), c.id(), 0, EncodedFrame.of(
                    new ServerFrames.Read(c.assignee().role().wireName(), m.staffReadSeq()), "read"), null));
        });
    }

    public void history(StaffSession connection, String conversationId, Long beforeSeq, int limit) {
        onConversation(connection, conversationId, null, c -> {
            boolean ambassador = connection.isAmbassador();
            if (ambassador && (c.assignee() == null || !c.assignee().staffId().equals(connection.staff().id()))) {
                connection.sendError(ErrorCode.UNAUTHORIZED, "ambassadors see only conversations handed to them", conversationId);
                return;
            }
            long before = beforeSeq == null ? c.lastSeq() + 1 : beforeSeq;
            connection.send(EncodedFrame.of(new ServerFrames.History(c.id(),
                    feed.staffMessages(c, ambassador, before, Math.min(limit, MAX_HISTORY))), "history"));
        });
    }

    // ---- queue -------------------------------------------------------------------------------------------------

    /** A site's queue changed: its staff on this node get the new queue shortly, once for all changes meanwhile. */
    private void queueChanged(String siteId) {
        if (!hub.staff().anyOnSite(siteId) || !queuePushPending.add(siteId)) {
            return; // nobody here to tell, or a push is already on its way and will include this change
        }
        try {
            scheduler.schedule(() -> {
                queuePushPending.remove(siteId); // before reading: a change during the push schedules the next one
                pushQueue(siteId);
            }, QUEUE_PUSH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            queuePushPending.remove(siteId); // shutting down
        }
    }

    /**
     * Sends this node's staff of a site their view of the queue: one read of the queue, each view encoded once and the
     * same bytes written to every socket, as a snapshot (a slow socket gets the newest queue, not every one).
     */
    private void pushQueue(String siteId) {
        List<StaffSession> connections = hub.staff().ofSite(siteId);
        if (connections.isEmpty()) {
            return;
        }
        try {
            List<Conversation> waiting = store.queue(siteId);
            EncodedFrame forAgents = null;
            EncodedFrame forAmbassadors = null;
            for (StaffSession connection : connections) {
                if (connection.isAmbassador()) {
                    if (forAmbassadors == null) {
                        forAmbassadors = EncodedFrame.of(new ServerFrames.Queue(queueView(waiting, true)), "queue");
                    }
                    connection.sendSnapshot(forAmbassadors);
                } else {
                    if (forAgents == null) {
                        forAgents = EncodedFrame.of(new ServerFrames.Queue(queueView(waiting, false)), "queue");
                    }
                    connection.sendSnapshot(forAgents);
                }
            }
        } catch (StoreUnavailableException e) {
            log.warn("Queue of {} not refreshed: {}", siteId, e.getMessage());
        }
    }

    /** The head of the queue as agents or ambassadors see it (ambassadors: only what is offered to them, masked). */
    private ServerFrames.QueueView queueView(List<Conversation> waiting, boolean ambassador) {
        List<Conversation> visible = ambassador
                ? waiting.stream().filter(c -> "ambassador".equals(c.target())).toList()
                : waiting;
        return new ServerFrames.QueueView(visible.stream().limit(QUEUE_FRAME_ITEMS)
                .map(c -> feed.summary(c, ambassador)).toList(), visible.size());
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private static boolean isAdmin(StaffSession connection) {
        return connection.staff().role() == StaffMember.StaffRole.ADMIN;
    }

    /** Transfer and hand-back: the holder, or an admin, of an assigned conversation. */
    private static boolean mayManage(StaffSession connection, Conversation c) {
        if (c.state() != ConversationState.ASSIGNED) {
            connection.sendError(ErrorCode.NOT_FOUND, "this conversation is not held by anyone", c.id());
            return false;
        }
        if (!c.heldBy(connection.staff().id()) && !isAdmin(connection)) {
            connection.sendError(ErrorCode.UNAUTHORIZED, "you do not hold this conversation", c.id());
            return false;
        }
        return true;
    }

    /**
     * Finds the conversation (it must be of the staff member's site, or it does not exist for them), then runs the
     * task on its visitor's lane with a fresh copy.
     */
    private void onConversation(StaffSession connection, String conversationId, String ref, Consumer<Conversation> task) {
        run(connection, "lookup/" + conversationId, ref, () -> {
            Optional<Conversation> found = store.findConversation(conversationId)
                    .filter(c -> c.siteId().equals(connection.siteId()));
            if (found.isEmpty()) {
                connection.sendError(ErrorCode.NOT_FOUND, "no conversation " + conversationId, ref);
                return;
            }
            run(connection, Hub.visitorLane(found.get().siteId(), found.get().visitorId()), ref,
                    () -> store.findConversation(conversationId).ifPresent(task));
        });
    }

    private void run(StaffSession connection, String lane, String ref, Runnable task) {
        lanes.submit(lane, () -> {
            try {
                task.run();
            } catch (StoreUnavailableException e) {
                log.warn("Staff command failed: store unavailable: {}", e.getMessage());
                connection.sendError(ErrorCode.UNAVAILABLE, "the store is unavailable; try again", ref);
            }
        }, () -> connection.sendError(ErrorCode.UNAVAILABLE, "the server is too busy; try again", ref));
    }
}
