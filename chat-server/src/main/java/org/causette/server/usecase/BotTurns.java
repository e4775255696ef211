package org.causette.server.usecase;

import org.causette.bot.BotInput;
import org.causette.bot.BotTurn;
import org.causette.bot.Handover;
import org.causette.bot.Parse;
import org.causette.server.config.Site;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.conversation.Hub;
import org.causette.server.conversation.PersonalData;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.routing.HandoverTexts;
import org.causette.server.routing.Router;
import org.causette.server.store.Author;
import org.causette.server.store.BotTurnRecord;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.ConversationStore;
import org.causette.server.store.MessageDraft;
import org.causette.server.store.Role;
import org.causette.server.store.SavedTurn;
import org.causette.server.store.StoredMessage;
import org.causette.server.store.VersionedConversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The bot's turn in a conversation it holds or one waiting in the queue for a person, and its hand-over to a person: into the queue, with the shopper told
 * what happens next (out of hours, nobody online, or their place in line).
 */
public final class BotTurns {
    private static final Logger log = LoggerFactory.getLogger(BotTurns.class);
    /** Intents the bot uses for "I did not understand". */
    private static final List<String> NOT_UNDERSTOOD = List.of("oos", "out_of_scope", "unknown", "none");

    private final ConversationStore store;
    private final Hub hub;
    private final ConversationFeed feed;
    private final Router router;
    private final HubMetrics metrics;
    private final Clock clock;

    public BotTurns(ConversationStore store, Hub hub, ConversationFeed feed, Router router, HubMetrics metrics,
                    Clock clock) {
        this.store = store;
        this.hub = hub;
        this.feed = feed;
        this.router = router;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The bot answers a shopper's message in a conversation it holds: its answers, the new context and the turn's
     * record stored in one step, then delivered; a hand-over when the bot asks for one or fails. Call on the
     * conversation's lane, after the shopper's message is stored and delivered.
     */
    public void take(Site site, VersionedConversation known, String text, String payload, String locale) {
        Conversation conversation = known.conversation();
        // In the queue the bot keeps answering routine questions until a person joins, and says one is coming; it
        // never hands over twice. Once a person holds the conversation the hub does not call it at all.
        boolean waiting = conversation.state() == ConversationState.QUEUED;
        long started = System.nanoTime();
        BotTurn turn;
        try {
            BotInput input = new BotInput(text, payload, locale);
            turn = site.bot().respond(waiting ? input.waiting() : input, conversation.botContext());
        } catch (RuntimeException e) {
            if (waiting) {
                log.error("The bot failed on a message while the shopper waits for a person; nothing more to do", e);
                metrics.botTurn("error", System.nanoTime() - started);
                return;
            }
            log.error("The bot failed on a message; handing over", e);
            String language = conversation.languageOr(site.config().defaultLanguage());
            feed.announce(conversation, language.equals("fr")
                    ? "Je rencontre un souci technique. Je vous passe une personne de l'équipe."
                    : "I've hit a technical problem. Let me pass you to someone from the team.", List.of());
            handOver(site, known, new Handover(Handover.Target.AGENT, "bot_error", null));
            metrics.botTurn("error", System.nanoTime() - started);
            return;
        }
        Author bot = new Author(Role.BOT, null, site.config().botName());
        Parse parse = turn.parse();
        // Waiting for a person, the bot answers what it understood and leaves the rest to that person: a "which
        // product?" to words meant for a person is noise.
        boolean silent = waiting && (parse.action() != Parse.Action.ANSWER || NOT_UNDERSTOOD.contains(parse.intent().name()))
                // A hand-over's own words ("I'm connecting you…") would promise a person before the hub knows whether
                // anyone is there: the hub's one message (handOver) tells what really happens.
                || (turn.handover() != null && !waiting);
        List<MessageDraft> answers = silent ? List.<MessageDraft>of() : turn.messages().stream()
                .map(m -> new MessageDraft(bot, null, m.text(), null, m.quickReplies(), m.cards(), false, clock.instant()))
                .toList();
        // Bot turns feed the report: the shopper's words go there without the emails and phone numbers they typed.
        BotTurnRecord record = new BotTurnRecord(site.id(), conversation.id(), conversation.visitorId(), PersonalData.redact(text),
                parse.intent().name(), parse.intent().confidence(), parse.action().wireName(),
                !NOT_UNDERSTOOD.contains(parse.intent().name()) && parse.action() != Parse.Action.CLARIFY, clock.instant());
        // The new context, the answers and the record in one store step; staff who took or closed the conversation
        // meanwhile keep it as they left it: the store then writes only the record, and no answer goes out.
        Optional<SavedTurn> saved = store.saveBotTurn(known,
                c -> c.withBotContext(turn.context(), turn.language(), clock.instant()), answers, record);
        if (saved.isEmpty()) {
            log.info("The conversation was erased during the bot's turn; its answer is dropped");
            return;
        }
        VersionedConversation updated = saved.get().conversation();
        if (updated.conversation().state() != conversation.state()) {
            log.debug("Staff took or closed the conversation during the bot's turn; its answer is dropped");
            metrics.botTurn(parse.action().wireName(), System.nanoTime() - started);
            return;
        }
        for (StoredMessage answer : saved.get().messages()) {
            feed.stored(updated.conversation(), answer);
        }
        if (turn.handover() != null && !waiting) {
            handOver(site, updated, turn.handover());
        }
        metrics.botTurn(parse.action().wireName(), System.nanoTime() - started);
    }

    /** Whether a person of the team who speaks {@code language} (null: any) could answer now. */
    public boolean someoneCanAnswer(Site site, String language) {
        return router.anyoneOnline(site, language, java.util.Set.of());
    }

    /** The bot lets go: into the queue, and the shopper hears what happens next. */
    private void handOver(Site site, VersionedConversation conversation, Handover handover) {
        Instant now = clock.instant();
        Optional<Conversation> queued = store.updateIf(conversation, c -> c.state() == ConversationState.BOT,
                c -> c.queued(handover.reason(), handover.skill(), handover.target().wireName(), now))
                .map(VersionedConversation::conversation);
        if (queued.isEmpty()) {
            return;
        }
        Conversation waiting = queued.get();
        feed.events().handedOver(waiting);
        HandoverTexts texts = HandoverTexts.in(waiting.languageOr(site.config().defaultLanguage()));
        // One message, one story: a person is being found (someone who fits is online, whatever the hours), or
        // nobody is there, with when they are back and the email form; never both.
        // The state keeps the place in line either way (CONTRACT §4.2); a wait is estimated only when someone serves it.
        String sorry = "complaint".equals(handover.reason()) ? texts.sorry() : "";
        int[] place = router.placeInLine(waiting);
        if (router.anyoneOnlineFor(site, waiting)) {
            feed.announce(waiting, sorry + texts.queued(place[0], Math.max(1, place[1] / 60)), List.of());
            feed.state(waiting, place[0], place[1], true);
        } else {
            feed.announce(waiting, sorry + (site.config().businessHours().isOpen(now) ? texts.nobodyAvailable()
                    : texts.outOfHours(site.config().businessHours().nextOpening(now).orElse(null))), List.of(texts.leaveEmail()));
            feed.state(waiting, place[0], null, false);
        }
        hub.queueChanged(site.id());
        router.route(site.id());
    }
}
