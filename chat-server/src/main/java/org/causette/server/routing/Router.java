package org.causette.server.routing;

import org.causette.server.config.Site;
import org.causette.server.config.Sites;
import org.causette.server.config.StaffMember;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.conversation.Hub;
import org.causette.server.conversation.Lanes;
import org.causette.server.store.Assignee;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.ConversationStore;
import org.causette.server.store.Role;
import org.causette.server.store.StoreUnavailableException;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.ServerFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Gives queued conversations to people: an online person whose role, skills (agents) or expertise (ambassadors),
 * language and free capacity fit, the least busy first. Every assignment is a conditional update in the store, so a
 * conversation is never given to two people, even by two nodes routing at once. Conversations nobody answers in time
 * go back to the queue for the next person; an ambassador's go to agents.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);
    /** A rough handling time per conversation, for the wait shoppers are told. */
    private static final Duration TYPICAL_HANDLING = Duration.ofMinutes(3);

    private final Sites sites;
    private final ConversationStore store;
    private final ConversationFeed feed;
    private final Hub hub;
    private final Lanes lanes;
    private final PresenceBook presence;
    private final Clock clock;
    /** People who let a conversation time out are not offered it again (per node, forgotten on restart). */
    private final Map<String, Set<String>> passedBy = new ConcurrentHashMap<>();

    public Router(Sites sites, ConversationStore store, ConversationFeed feed, Hub hub, Lanes lanes, PresenceBook presence, Clock clock) {
        this.sites = sites;
        this.store = store;
        this.feed = feed;
        this.hub = hub;
        this.lanes = lanes;
        this.presence = presence;
        this.clock = clock;
    }

    public PresenceBook presence() {
        return presence;
    }

    /** Routes a site's queue soon, on the site's routing lane (one routing pass at a time per node). */
    public void route(String siteId) {
        lanes.submit("route/" + siteId, () -> routeNow(siteId),
                () -> log.warn("Routing of {} postponed: lanes full", siteId));
    }

    private void routeNow(String siteId) {
        Site site = sites.find(siteId).orElse(null);
        if (site == null) {
            return;
        }
        try {
            List<Conversation> queue = store.queue(siteId);
            if (queue.isEmpty()) {
                return;
            }
            Set<String> online = presence.online(siteId);
            Map<String, Integer> load = load(siteId);
            boolean changed = false;
            for (Conversation waiting : queue) {
                Optional<StaffMember> chosen = choose(site, waiting, online, load);
                if (chosen.isPresent() && assign(site, waiting.id(), chosen.get(),
                        c -> c.state() == ConversationState.QUEUED, null).isPresent()) {
                    load.merge(chosen.get().id(), 1, Integer::sum);
                    changed = true;
                }
            }
            if (changed) {
                hub.queueChanged(siteId);
            }
        } catch (StoreUnavailableException e) {
            log.warn("Routing of {} failed, will retry: {}", siteId, e.getMessage());
        }
    }

    /** How many conversations each person holds now. */
    private Map<String, Integer> load(String siteId) {
        Map<String, Integer> load = new HashMap<>();
        for (Conversation held : store.assigned(siteId)) {
            load.merge(held.assignee().staffId(), 1, Integer::sum);
        }
        return load;
    }

    private Optional<StaffMember> choose(Site site, Conversation waiting, Set<String> online, Map<String, Integer> load) {
        Set<String> passed = passedBy.getOrDefault(waiting.id(), Set.of());
        Predicate<StaffMember> free = s -> online.contains(s.id()) && !passed.contains(s.id())
                && load.getOrDefault(s.id(), 0) < s.maxChats() && speaks(s, waiting.language());
        Comparator<StaffMember> leastBusy = Comparator.comparingInt(s -> load.getOrDefault(s.id(), 0));
        if ("ambassador".equals(waiting.target())) {
            Optional<StaffMember> ambassador = site.staff().stream()
                    .filter(s -> s.role() == StaffMember.StaffRole.AMBASSADOR && free.test(s) && knows(s.expertise(), waiting.skill()))
                    .min(leastBusy);
            if (ambassador.isPresent()) {
                return ambassador;
            }
            // No fellow customer can help now: a shopper should not wait for a volunteer while an agent is free.
        }
        List<StaffMember> agents = site.staff().stream()
                .filter(s -> s.role() == StaffMember.StaffRole.AGENT && free.test(s)).toList();
        Optional<StaffMember> skilled = agents.stream().filter(s -> knows(s.skills(), waiting.skill())).min(leastBusy);
        if (skilled.isPresent() || "agent".equals(waiting.target())) {
            return skilled;
        }
        return agents.stream().min(leastBusy);
    }

    private static boolean knows(List<String> skills, String wanted) {
        return wanted == null || skills.contains(wanted);
    }

    private static boolean speaks(StaffMember staff, String language) {
        return language == null || staff.languages().isEmpty() || staff.languages().contains(language);
    }

    /**
     * Gives a conversation to a person if it still is as {@code expected}, and tells everyone.
     *
     * @param previous the person who held it before (told it is gone), or null
     */
    public Optional<Conversation> assign(Site site, String conversationId, StaffMember staff,
                                         Predicate<Conversation> expected, String previous) {
        Role role = staff.role() == StaffMember.StaffRole.AMBASSADOR ? Role.AMBASSADOR : Role.AGENT;
        Instant now = clock.instant();
        Optional<Conversation> assigned = store.updateIf(conversationId, expected,
                c -> c.assigned(new Assignee(staff.id(), role, staff.name()), now));
        assigned.ifPresent(conversation -> onVisitorLane(conversation, () -> {
            Conversation current = store.findConversation(conversation.id()).orElse(conversation);
            if (previous != null && !previous.equals(staff.id())) {
                hub.toStaff(site.id(), previous, EncodedFrame.of(new ServerFrames.Unassigned(conversation.id(), "transferred"), "unassigned"), null);
            }
            boolean ambassador = role == Role.AMBASSADOR;
            hub.toStaff(site.id(), staff.id(), EncodedFrame.of(new ServerFrames.Assigned(feed.summary(current, ambassador),
                    feed.staffMessages(current, ambassador, current.lastSeq() + 1, ConversationFeed.ASSIGNED_HISTORY)), "assigned"), null);
            HandoverTexts texts = HandoverTexts.in(current.languageOr(site.config().defaultLanguage()));
            feed.announce(current, ambassador ? texts.ambassadorJoined(staff.name()) : texts.agentJoined(staff.name()), List.of());
            feed.state(current, null, null);
        }));
        return assigned;
    }

    /** Runs on the conversation's visitor lane, where everything that reaches its visitor is ordered. */
    public void onVisitorLane(Conversation conversation, Runnable task) {
        lanes.submit(Hub.visitorLane(conversation.siteId(), conversation.visitorId()), task,
                () -> log.warn("Conversation {} changed but its lane is full: its people hear of it on their next "
                        + "read", conversation.id()));
    }

    /** The visitor's place in line (1 = next) and a rough wait in seconds. */
    public int[] placeInLine(Conversation queued) {
        List<Conversation> queue = store.queue(queued.siteId());
        int position = 1;
        for (Conversation c : queue) {
            if (c.id().equals(queued.id())) {
                break;
            }
            position++;
        }
        long helpers = Math.max(1, presence.online(queued.siteId()).size());
        long waitSeconds = TYPICAL_HANDLING.toSeconds() * position / helpers;
        return new int[]{position, (int) waitSeconds};
    }

    /** Whether anybody online now could take this conversation (ignoring capacity: a slot frees soon). */
    public boolean anyoneOnlineFor(Site site, Conversation conversation) {
        return anyoneOnline(site, conversation.language(), Set.of());
    }

    /**
     * Whether a person who speaks {@code language} (null: any) is online now, leaving out {@code except}: the
     * shopper is told "someone" only when someone is there.
     */
    public boolean anyoneOnline(Site site, String language, Set<String> except) {
        Set<String> online = presence.online(site.id());
        return site.staff().stream().anyMatch(s -> online.contains(s.id()) && s.role() != StaffMember.StaffRole.ADMIN
                && !except.contains(s.id()) && speaks(s, language));
    }

    /**
     * Once a second on every node: conversations not answered in time go back to the queue (an ambassador's to the
     * agents), presence is renewed, and every queue is routed again so none is forgotten.
     */
    public void sweep() {
        for (Site site : sites.all()) {
            try {
                Instant now = clock.instant();
                for (Conversation held : store.assigned(site.id())) {
                    if (held.answeredAt() == null && held.assignedAt() != null) {
                        boolean ambassador = held.assignee().role() == Role.AMBASSADOR;
                        Duration limit = ambassador ? site.config().routing().ambassadorAnswerTimeout()
                                : site.config().routing().answerTimeout();
                        if (held.assignedAt().plus(limit).isBefore(now)) {
                            reoffer(site, held, ambassador);
                        }
                    }
                }
                route(site.id());
            } catch (StoreUnavailableException e) {
                log.warn("Sweep of {} failed: {}", site.id(), e.getMessage());
            }
        }
    }

    private void reoffer(Site site, Conversation held, boolean ambassador) {
        String staffId = held.assignee().staffId();
        Instant assignedAt = held.assignedAt();
        Optional<Conversation> requeued = store.updateIf(held.id(),
                c -> c.heldBy(staffId) && c.answeredAt() == null && assignedAt.equals(c.assignedAt()),
                c -> c.queued("no_answer", ambassador ? null : c.skill(), "agent", clock.instant()));
        if (requeued.isEmpty()) {
            return;
        }
        passedBy.computeIfAbsent(held.id(), k -> ConcurrentHashMap.newKeySet()).add(staffId);
        log.info("Conversation {} not answered by {} in time: offered to someone else", held.id(), staffId);
        onVisitorLane(requeued.get(), () -> {
            hub.toStaff(site.id(), staffId, EncodedFrame.of(new ServerFrames.Unassigned(held.id(), "timeout"), "unassigned"), null);
            Conversation current = store.findConversation(held.id()).orElse(requeued.get());
            HandoverTexts texts = HandoverTexts.in(current.languageOr(site.config().defaultLanguage()));
            Instant now = clock.instant();
            // "Someone else" only when someone else is there: the person who let it pass will not get it again.
            int[] place = placeInLine(current);
            if (anyoneOnline(site, current.language(), passedBy.getOrDefault(held.id(), Set.of()))) {
                feed.announce(current, texts.lookingForSomeoneElse(), List.of());
                feed.state(current, place[0], place[1], true);
            } else {
                feed.announce(current, site.config().businessHours().isOpen(now) ? texts.nobodyElse()
                        : texts.outOfHours(site.config().businessHours().nextOpening(now).orElse(null)), List.of(texts.leaveEmail()));
                feed.state(current, place[0], null, false);
            }
            hub.queueChanged(site.id());
        });
    }

    /** Forgets per-conversation routing memory once a conversation is over. */
    public void forget(String conversationId) {
        passedBy.remove(conversationId);
    }
}
