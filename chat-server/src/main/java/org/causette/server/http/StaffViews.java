package org.causette.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.causette.bot.knowledge.BuiltInIntents;
import org.causette.server.auth.StaffAuth;
import org.causette.server.config.Lesson;
import org.causette.server.config.Site;
import org.causette.server.config.Sites;
import org.causette.server.config.StaffMember;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.insights.Leaderboard;
import org.causette.server.marketing.VariantReport;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.Lead;
import org.causette.server.store.Presence;
import org.causette.server.store.Rating;
import org.causette.server.store.MailStore;
import org.causette.server.store.StartPage;
import org.causette.server.store.Store;
import org.causette.server.store.Visitor;
import org.causette.server.store.VisitorEvent;
import org.causette.server.usecase.SiteReport;
import org.causette.server.usecase.Teaching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the REST API shows each role. Ambassadors see only conversations handed to them, as messages: never the
 * shopper's identity, email, pages, cart, other conversations or internal notes. Runs off the event loop (store).
 */
final class StaffViews {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final int CONTEXT_PAGES = 20;
    /** A taught question or paraphrase is at most this long. */
    static final int MAX_TAUGHT_CHARS = 500;
    /** Phrasings taught along with a question, at most. */
    static final int MAX_PARAPHRASES = 10;

    /** An answer: a body, or an error code and message. */
    record Answer(HttpResponseStatus status, Object body, String errorCode, String message) {
        static Answer ok(Object body) {
            return new Answer(HttpResponseStatus.OK, body, null, null);
        }

        static Answer error(HttpResponseStatus status, String code, String message) {
            return new Answer(status, null, code, message);
        }
    }

    private final Sites sites;
    private final Store store;
    private final ConversationFeed feed;
    private final Clock clock;
    private final Teaching teaching;

    /** The address a shopper gave for emailed replies, shown to agents and admins only; null: no mail store. */
    private final MailStore mail;

    StaffViews(Sites sites, Store store, MailStore mail, ConversationFeed feed, Clock clock) {
        this.mail = mail;
        this.sites = sites;
        this.store = store;
        this.feed = feed;
        this.clock = clock;
        this.teaching = new Teaching(store);
    }

    private static boolean ambassador(StaffAuth.Principal principal) {
        return principal.staff().role() == StaffMember.StaffRole.AMBASSADOR;
    }

    private static boolean handedTo(Conversation conversation, StaffAuth.Principal principal) {
        return conversation.assignee() != null && conversation.assignee().staffId().equals(principal.staff().id());
    }

    Answer conversations(StaffAuth.Principal principal, Map<String, List<String>> query) {
        ConversationState state = null;
        String stateParam = first(query, "state");
        if (stateParam != null && !stateParam.isEmpty()) {
            try {
                state = ConversationState.valueOf(stateParam.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "state must be bot, queued, assigned or closed");
            }
        }
        Integer limit = intParam(query, "limit", DEFAULT_LIMIT);
        if (limit == null || limit < 1 || limit > MAX_LIMIT) {
            return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "limit must be 1 to " + MAX_LIMIT);
        }
        Instant before = null;
        if (first(query, "before") != null) {
            before = instant(first(query, "before"), false);
            if (before == null) {
                return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "before must be an ISO-8601 time");
            }
        }
        boolean ambassador = ambassador(principal);
        String search = first(query, "q");
        if (search != null && !search.isBlank()) {
            if (search.length() > 200) {
                return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "q is at most 200 characters");
            }
            // An ambassador's search runs over what they may read (masked text), not over the store's raw text.
            List<Conversation> matches = ambassador
                    ? store.conversations(principal.site().id(), null, null, Integer.MAX_VALUE).stream()
                    .filter(c -> handedTo(c, principal) && feed.ambassadorFinds(c, search.strip())).limit(limit).toList()
                    : store.search(principal.site().id(), search.strip(), limit);
            return Answer.ok(Map.of("query", search.strip(),
                    "conversations", matches.stream().map(c -> feed.summary(c, ambassador)).toList()));
        }
        List<Conversation> found = ambassador
                ? store.conversations(principal.site().id(), state, before, Integer.MAX_VALUE).stream()
                .filter(c -> handedTo(c, principal)).limit(limit).toList()
                : store.conversations(principal.site().id(), state, before, limit);
        return Answer.ok(Map.of("conversations", found.stream().map(c -> feed.summary(c, ambassador)).toList()));
    }

    Answer conversation(StaffAuth.Principal principal, String conversationId) {
        Optional<Conversation> found = store.findConversation(conversationId)
                .filter(c -> c.siteId().equals(principal.site().id()));
        if (found.isEmpty()) {
            return Answer.error(HttpResponseStatus.NOT_FOUND, "not_found", "no conversation " + conversationId);
        }
        Conversation conversation = found.get();
        boolean ambassador = ambassador(principal);
        if (ambassador && !handedTo(conversation, principal)) {
            return Answer.error(HttpResponseStatus.FORBIDDEN, "forbidden", "ambassadors see only conversations handed to them");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversation", feed.summary(conversation, ambassador));
        body.put("language", conversation.language());
        body.put("assignee", conversation.assignee() == null ? null
                : Map.of("id", conversation.assignee().staffId(), "name", conversation.assignee().name(),
                "role", conversation.assignee().role().wireName()));
        body.put("createdAt", conversation.createdAt());
        body.put("closedAt", conversation.closedAt());
        body.put("messages", feed.staffMessages(conversation, ambassador, conversation.lastSeq() + 1, Integer.MAX_VALUE));
        store.rating(conversation.id()).ifPresent(r -> body.put("rating", Map.of("score", r.score(),
                "comment", r.comment() == null ? "" : ambassador ? ConversationFeed.forAmbassador(r.comment()) : r.comment())));
        if (!ambassador) {
            body.put("visitor", visitorContext(conversation));
        }
        return Answer.ok(body);
    }

    /** Who the shopper is and what they did: for agents and admins only. */
    private Map<String, Object> visitorContext(Conversation conversation) {
        Map<String, Object> context = new LinkedHashMap<>();
        Optional<Visitor> visitor = store.findVisitor(conversation.siteId(), conversation.visitorId());
        context.put("id", conversation.visitorId());
        context.put("userId", visitor.map(Visitor::userId).orElse(null));
        context.put("name", visitor.map(Visitor::name).orElse(null));
        context.put("email", visitor.map(Visitor::email).orElse(null));
        // Only in this agents' and admins' view: ambassadors get no visitor context at all (docs/email.md).
        context.put("replyEmail", mail == null ? null : mail.mailContact(conversation.siteId(), conversation.visitorId())
                .map(c -> Map.of("email", c.email(), "source", c.source(), "consentedAt", c.consentedAt()))
                .orElse(null));
        context.put("locale", visitor.map(Visitor::locale).orElse(null));
        context.put("verified", visitor.map(v -> v.userId() != null).orElse(false));
        // The first form of the identity hash signs the userId only: its email and name are shown as not verified.
        context.put("detailsVerified", visitor.map(v -> v.userId() != null && v.detailsVerified()).orElse(false));
        context.put("channel", conversation.channel());
        // The page they wrote from: conversation context, kept without tracking consent (docs/customers.md §7).
        StartPage page = conversation.startPage();
        context.put("startPage", page == null ? null : page.title() == null ? Map.of("url", page.url())
                : Map.of("url", page.url(), "title", page.title()));
        List<VisitorEvent> events = store.events(conversation.siteId(), conversation.visitorId());
        context.put("pages", events.stream().filter(e -> e.name().equals("page_view")).map(e -> Map.of(
                "url", e.data() == null ? "" : e.data().path("url").asText(""),
                "title", e.data() == null ? "" : e.data().path("title").asText(""), "ts", e.ts()))
                .skip(Math.max(0, events.size() - CONTEXT_PAGES)).toList());
        context.put("cart", events.stream().filter(e -> e.name().equals("cart_update")).reduce((a, b) -> b)
                .map(VisitorEvent::data).orElse(null));
        context.put("pastConversations", store.conversationsOfVisitor(conversation.siteId(), conversation.visitorId()).stream()
                .filter(c -> !c.id().equals(conversation.id()))
                .map(c -> Map.of("conversationId", c.id(), "channel", c.channel(), "state", c.state().wireName(),
                        "createdAt", c.createdAt()))
                .toList());
        return context;
    }

    /** A report's or leaderboard's [from, to): the last 30 days by default, at most {@link SiteReport#MAX_PERIOD}. */
    private record Period(Instant from, Instant to, Answer error) {
    }

    private Period period(Map<String, List<String>> query, String what) {
        Instant to = first(query, "to") == null ? clock.instant() : instant(first(query, "to"), true);
        Instant from = first(query, "from") == null ? (to == null ? null : to.minus(Duration.ofDays(30)))
                : instant(first(query, "from"), false);
        if (from == null || to == null || !from.isBefore(to)) {
            return new Period(null, null, Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "from and to are dates (2026-11-01) or times (2026-11-01T08:00:00Z), from before to"));
        }
        if (Duration.between(from, to).compareTo(SiteReport.MAX_PERIOD) > 0) {
            return new Period(null, null, Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "a " + what + " covers at most 400 days"));
        }
        return new Period(from, to, null);
    }

    Answer report(StaffAuth.Principal principal, Map<String, List<String>> query) {
        Period period = period(query, "report");
        if (period.error() != null) {
            return period.error();
        }
        Site site = principal.site();
        Map<String, Object> report = SiteReport.build(store, site, period.from(), period.to());
        // A/B tests of proactive messages: per variant shown, answered, dismissed, and whether the difference is real.
        report.put("variants", VariantReport.build(store, site.id(), site.scenarios()));
        return Answer.ok(report);
    }

    /** Ambassadors' points and ranks over a period (default the last 30 days), for ambassadors and admins. */
    Answer leaderboard(StaffAuth.Principal principal, Map<String, List<String>> query) {
        Period period = period(query, "leaderboard");
        if (period.error() != null) {
            return period.error();
        }
        return Answer.ok(Leaderboard.build(store, principal.site(), period.from(), period.to(),
                principal.staff().id()));
    }

    Answer leads(StaffAuth.Principal principal, Map<String, List<String>> query) {
        Instant to = clock.instant();
        List<Lead> leads = store.leads(principal.site().id(), to.minus(Duration.ofDays(principal.site().config().retentionDays())), to);
        return Answer.ok(Map.of("leads", leads.stream().map(l -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", l.id());
            row.put("email", l.email());
            row.put("note", l.note());
            row.put("language", l.language());
            row.put("conversationId", l.conversationId());
            row.put("visitorId", l.visitorId());
            row.put("ts", l.ts());
            return row;
        }).toList()));
    }

    /** Public: the sites this hub runs, for the console's site picker. */
    Map<String, Object> sites() {
        return Map.of("sites", sites.all().stream()
                .map(site -> Map.of("id", site.id(), "name", site.config().name(), "languages", site.config().languages(),
                        "currency", site.config().currency()))
                .toList());
    }

    /** The site's people and who is online, for transfers: no password hash, of course. */
    Answer staff(StaffAuth.Principal principal) {
        Site site = principal.site();
        java.util.Set<String> online = store.presence(site.id()).stream().filter(p -> p.online(clock.instant()))
                .map(Presence::staffId).collect(Collectors.toSet());
        return Answer.ok(Map.of("staff", site.staff().stream().map(member -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", member.id());
            row.put("name", member.name());
            row.put("role", member.role().wireName());
            row.put("skills", member.skills());
            row.put("expertise", member.expertise());
            row.put("languages", member.languages());
            row.put("online", online.contains(member.id()));
            return row;
        }).toList()));
    }

    /** Every intent the bot knows, built-in or from the FAQ (and taught), for choosing one when teaching. */
    Answer intents(StaffAuth.Principal principal) {
        Map<String, Map<String, Object>> intents = new LinkedHashMap<>();
        for (String id : BuiltInIntents.ALL) {
            intents.put(id, new LinkedHashMap<>(Map.of("id", id, "builtIn", true, "hasAnswer",
                    !BuiltInIntents.isPolicy(id))));
        }
        for (var intent : principal.site().knowledge().faq().intents()) {
            Map<String, Object> row = intents.computeIfAbsent(intent.id(), id -> new LinkedHashMap<>(Map.of("id", id, "builtIn", false)));
            row.put("hasAnswer", !intent.answer().isEmpty() || Boolean.TRUE.equals(row.get("hasAnswer")));
            // What shoppers ask, by language: staff read it when faq.json gives the intent no title (never its id).
            Map<String, String> example = new LinkedHashMap<>();
            intent.examples().forEach((language, list) -> {
                if (!list.isEmpty()) {
                    example.put(language, list.get(0));
                }
            });
            if (!example.isEmpty() && !BuiltInIntents.isBuiltIn(intent.id())) {
                row.put("example", example);
            }
        }
        // faq.json's optional titles, so staff read names; built-in intents are named by the console itself.
        intents.forEach((id, row) -> principal.site().intentTitle(id).ifPresent(title -> row.put("title", title)));
        return Answer.ok(Map.of("intents", List.copyOf(intents.values())));
    }

    Answer canned(StaffAuth.Principal principal) {
        return Answer.ok(Map.of("cannedResponses", principal.site().config().cannedResponses()));
    }

    /** What a person did: conversations handed to them and closed, and their ratings (ambassadors' recognition). */
    Answer myStats(StaffAuth.Principal principal) {
        String me = principal.staff().id();
        List<Conversation> mine = store.conversations(principal.site().id(), ConversationState.CLOSED, null, Integer.MAX_VALUE)
                .stream().filter(c -> handedTo(c, principal)).toList();
        List<Integer> scores = mine.stream().map(c -> store.rating(c.id())).flatMap(Optional::stream)
                .map(Rating::score).toList();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("staffId", me);
        stats.put("helped", mine.size());
        stats.put("ratingCount", scores.size());
        stats.put("ratingAverage", scores.isEmpty() ? null : scores.stream().mapToInt(Integer::intValue).average().orElse(0));
        stats.put("holding", store.assigned(principal.site().id()).stream().filter(c -> c.heldBy(me)).count());
        return Answer.ok(stats);
    }

    /**
     * Teaches the bot: the question (and the phrasings taught along) become examples of an intent, built-in or FAQ, or
     * of a new FAQ intent with its answer, named by the admin ({@code title}; its id is made from the name). Stored,
     * then the bot retrains: before answering, or with {@code "background": true} after answering 202 (the console
     * polls {@link #teachStatus}). Other nodes catch up within a minute.
     */
    Answer teach(StaffAuth.Principal principal, com.fasterxml.jackson.databind.JsonNode body) {
        Site site = principal.site();
        String text = body.path("text").asText("").strip();
        String intent = body.path("intent").asText("").strip();
        String language = body.path("lang").asText(site.config().defaultLanguage());
        if (text.isEmpty() || text.length() > MAX_TAUGHT_CHARS) {
            return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "text is 1 to " + MAX_TAUGHT_CHARS + " characters");
        }
        if (!List.of("fr", "en").contains(language)) {
            return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "lang must be fr or en");
        }
        Map<String, String> answer = languageTexts(body.path("answer"), MAX_TAUGHT_CHARS * 4);
        Map<String, String> title = languageTexts(body.path("title"), org.causette.bot.knowledge.FaqIntent.MAX_TITLE_LENGTH);
        if (body.path("title").isTextual() && !body.path("title").asText().isBlank()) {
            title = Map.of(language, body.path("title").asText().strip());
        }
        if (intent.isEmpty() && !title.isEmpty()) {
            intent = Teaching.newIntentId(site, title);
        }
        if (!intent.matches("[a-z0-9_]{1,40}")) {
            return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "intent is an id of a-z, 0-9 and _ (at most 40), or give a new intent's title");
        }
        boolean known = BuiltInIntents.isBuiltIn(intent) || site.knowledge().faq().byId(intent).isPresent();
        if (!known && answer.isEmpty()) {
            return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "\"" + intent + "\" is a new intent: give its answer {\"fr\": …, \"en\": …}");
        }
        List<String> texts = new java.util.ArrayList<>(List.of(text));
        com.fasterxml.jackson.databind.JsonNode paraphrases = body.path("paraphrases");
        if (!paraphrases.isMissingNode() && !paraphrases.isArray()) {
            return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "paraphrases is a list of texts");
        }
        for (com.fasterxml.jackson.databind.JsonNode paraphrase : paraphrases) {
            String more = paraphrase.asText("").strip();
            if (!paraphrase.isTextual() || more.isEmpty() || more.length() > MAX_TAUGHT_CHARS) {
                return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                        "each paraphrase is a text of 1 to " + MAX_TAUGHT_CHARS + " characters");
            }
            if (!texts.contains(more)) {
                texts.add(more);
            }
        }
        if (texts.size() > 1 + MAX_PARAPHRASES) {
            return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "at most " + MAX_PARAPHRASES + " paraphrases");
        }
        String id = intent;
        Map<String, String> name = known ? Map.of() : title;
        List<Lesson> lessons = texts.stream()
                .map(t -> new Lesson(site.id(), t, language, id, answer, clock.instant(), name)).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("intent", intent);
        result.put("taught", lessons.size());
        if (body.path("background").asBoolean(false)) {
            teaching.teachInBackground(site, lessons);
            result.put("status", "training");
            return new Answer(HttpResponseStatus.ACCEPTED, result, null, null);
        }
        result.put("trainedMs", teaching.teachNow(site, lessons));
        result.put("now", site.bot().parse(text, language).intent());
        return Answer.ok(result);
    }

    /** Whether the bot is retraining, and with how many lessons it answers now. */
    Answer teachStatus(StaffAuth.Principal principal) {
        Teaching.Status status = teaching.status(principal.site());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.training() ? "training" : "ready");
        body.put("lessons", status.lessons());
        body.put("lessonsApplied", status.lessonsApplied());
        body.put("lastTrainingMs", status.lastTrainingMs());
        return Answer.ok(body);
    }

    /**
     * A person marks one of the bot's replies wrong: the question it answered goes to the admin's list of things to
     * teach. Agents and admins; the reply must be the bot's, in a conversation of their site.
     */
    Answer markWrong(StaffAuth.Principal principal, String conversationId, com.fasterxml.jackson.databind.JsonNode body) {
        Optional<Conversation> found = store.findConversation(conversationId)
                .filter(c -> c.siteId().equals(principal.site().id()));
        if (found.isEmpty()) {
            return Answer.error(HttpResponseStatus.NOT_FOUND, "not_found", "no conversation " + conversationId);
        }
        long seq = body.path("seq").asLong(0);
        if (!body.path("seq").canConvertToLong() || seq < 1 || seq > found.get().lastSeq()) {
            return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "seq is the number of a message of this conversation");
        }
        List<org.causette.server.store.StoredMessage> at = store.messagesAfter(conversationId, seq - 1, 1);
        if (at.isEmpty() || at.get(0).from().role() != org.causette.server.store.Role.BOT) {
            return Answer.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "message " + seq + " is not the bot's");
        }
        store.saveAnswerMark(new org.causette.server.store.AnswerMark(principal.site().id(), conversationId, seq,
                principal.staff().id(), clock.instant()));
        return new Answer(HttpResponseStatus.NO_CONTENT, null, null, null);
    }

    /** {"fr": …, "en": …} as a map of its non-blank texts, each cut to {@code max} characters. */
    private static Map<String, String> languageTexts(com.fasterxml.jackson.databind.JsonNode node, int max) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (List.of("fr", "en").contains(e.getKey()) && e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                    String value = e.getValue().asText().strip();
                    texts.put(e.getKey(), value.length() > max ? value.substring(0, max) : value);
                }
            });
        }
        return texts;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Integer intParam(Map<String, List<String>> query, String name, int fallback) {
        String value = first(query, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A date (the start of that day in UTC, or the day after when it ends a period) or an instant. */
    private static Instant instant(String value, boolean endOfPeriod) {
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (endOfPeriod ? date.plusDays(1) : date).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
