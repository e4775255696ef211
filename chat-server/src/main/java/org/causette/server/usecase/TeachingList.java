package org.causette.server.usecase;

import org.causette.server.config.Lesson;
import org.causette.server.config.Site;
import org.causette.server.conversation.PersonalData;
import org.causette.server.store.AnswerMark;
import org.causette.server.store.BotTurnRecord;
import org.causette.server.store.Conversation;
import org.causette.server.store.Rating;
import org.causette.server.store.Role;
import org.causette.server.store.Store;
import org.causette.server.store.StoredMessage;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The admin's list of things to teach the bot: the questions it did not understand, and the answers it gave
 * confidently that turned out wrong — the shopper asked for a person right after, rated the conversation badly with
 * no person in it, or a person marked the reply wrong from the transcript. Similar wordings are one row, with the
 * others as phrasings to teach along (a paraphrase of a taught phrasing is far likelier to be understood when two or
 * three phrasings are taught: TaughtParaphrasesTest). What was taught leaves the list, on every node (lessons are in
 * the store).
 */
public final class TeachingList {
    /** Rows in the list, newest first: more is a backlog nobody reads. */
    public static final int MAX_ROWS = 50;
    /** Phrasings offered with a row. */
    public static final int MAX_PHRASINGS = 6;
    /** Two wordings sharing this share of their words (Jaccard) are one question. */
    static final double SIMILAR = 0.5;
    /** A rating at or below this, in a conversation no person joined, makes the bot's last answer doubtful. */
    static final int BAD_RATING = 2;
    /** Intents that mean "a person, please": asked right after an answer, that answer did not help. */
    private static final Set<String> WANTS_A_PERSON = Set.of("human_request", "complaint");
    /** Messages read back to find the question before a marked reply. */
    private static final int MARK_LOOKBACK = 20;

    /** Why a row is on the list; the console has words for each. */
    public enum Why {
        UNANSWERED("unanswered"), ASKED_FOR_PERSON("asked_for_person"), BAD_RATING("bad_rating"), MARKED_WRONG("marked_wrong");

        private final String wireName;

        Why(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private TeachingList() {
    }

    /** One doubtful or unanswered question before grouping. */
    private record Candidate(String text, String intent, double confidence, String conversationId, Instant ts, Why why,
                             String markedBy) {
    }

    public static List<Map<String, Object>> build(Store store, Site site, Instant from, Instant to,
                                                  List<Conversation> conversations) {
        String siteId = site.id();
        List<BotTurnRecord> turns = store.botTurns(siteId, from, to);
        Map<String, List<BotTurnRecord>> byConversation = new HashMap<>();
        for (BotTurnRecord turn : turns) {
            byConversation.computeIfAbsent(turn.conversationId(), id -> new ArrayList<>()).add(turn);
        }
        byConversation.values().forEach(list -> list.sort(Comparator.comparing(BotTurnRecord::ts)));
        List<Candidate> candidates = new ArrayList<>();
        for (BotTurnRecord turn : turns) {
            if (!turn.understood()) {
                candidates.add(new Candidate(turn.text(), turn.intent(), turn.confidence(), turn.conversationId(), turn.ts(),
                        Why.UNANSWERED, null));
            }
        }
        doubtful(byConversation, store.ratings(siteId, from, to), conversations)
                .forEach((turn, why) -> candidates.add(candidate(turn, why, null)));
        for (AnswerMark mark : store.answerMarks(siteId)) {
            if (mark.ts().isBefore(from) || !mark.ts().isBefore(to)) {
                continue;
            }
            questionBefore(store, mark).ifPresent(question -> {
                // The report holds the shopper's words masked, as the bot's turns are recorded (docs/customers.md §7).
                String text = PersonalData.redact(question.text());
                BotTurnRecord turn = byConversation.getOrDefault(mark.conversationId(), List.of()).stream()
                        .filter(t -> t.text().equals(text)).reduce((a, b) -> b).orElse(null);
                candidates.add(turn == null
                        ? new Candidate(text, null, 0, mark.conversationId(), mark.ts(), Why.MARKED_WRONG, mark.staffId())
                        : candidate(turn, Why.MARKED_WRONG, mark.staffId()));
            });
        }
        Set<String> taught = new HashSet<>();
        for (Lesson lesson : store.lessons(siteId)) {
            taught.add(String.join(" ", words(lesson.text())));
        }
        return group(candidates, taught, site);
    }

    /** The bot's answers of a period that the shopper's next step showed wrong, each with why. */
    private static Map<BotTurnRecord, Why> doubtful(Map<String, List<BotTurnRecord>> byConversation, List<Rating> ratings,
                                                    List<Conversation> conversations) {
        Map<BotTurnRecord, Why> found = new LinkedHashMap<>();
        // An answer, then "a person, please" as the very next message: the answer did not help.
        for (List<BotTurnRecord> list : byConversation.values()) {
            for (int i = 0; i + 1 < list.size(); i++) {
                BotTurnRecord answer = list.get(i);
                if (confidentAnswer(answer) && WANTS_A_PERSON.contains(list.get(i + 1).intent())) {
                    found.put(answer, Why.ASKED_FOR_PERSON);
                }
            }
        }
        // A bad rating where only the bot spoke: its last answer.
        Map<String, Conversation> byId = new HashMap<>();
        conversations.forEach(c -> byId.put(c.id(), c));
        for (Rating rating : ratings) {
            Conversation rated = byId.get(rating.conversationId());
            List<BotTurnRecord> list = byConversation.get(rating.conversationId());
            if (rating.score() <= BAD_RATING && rated != null && rated.handedOverAt() == null && list != null) {
                list.stream().filter(TeachingList::confidentAnswer).reduce((a, b) -> b)
                        .ifPresent(last -> found.putIfAbsent(last, Why.BAD_RATING));
            }
        }
        return found;
    }

    /**
     * What the bot did well, for the report beside containment.
     *
     * @param answeredWell              questions the bot answered with confidence that nothing showed wrong
     * @param handedOverAfterGoodAnswer conversations that went to a person after the bot had answered at least one
     *                                  question well
     */
    public record BotAnswers(long answeredWell, long handedOverAfterGoodAnswer) {
    }

    public static BotAnswers botAnswers(List<BotTurnRecord> turns, List<Rating> ratings, List<Conversation> conversations) {
        Map<String, List<BotTurnRecord>> byConversation = new HashMap<>();
        for (BotTurnRecord turn : turns) {
            byConversation.computeIfAbsent(turn.conversationId(), id -> new ArrayList<>()).add(turn);
        }
        byConversation.values().forEach(list -> list.sort(Comparator.comparing(BotTurnRecord::ts)));
        Set<BotTurnRecord> wrong = doubtful(byConversation, ratings, conversations).keySet();
        long well = turns.stream().filter(t -> confidentAnswer(t) && !wrong.contains(t)).count();
        long before = conversations.stream().filter(c -> c.handedOverAt() != null).filter(c ->
                byConversation.getOrDefault(c.id(), List.of()).stream().anyMatch(t -> confidentAnswer(t) && !wrong.contains(t)
                        && t.ts().isBefore(c.handedOverAt()))).count();
        return new BotAnswers(well, before);
    }

    private static boolean confidentAnswer(BotTurnRecord turn) {
        return turn.understood() && turn.action().equals("answer") && !WANTS_A_PERSON.contains(turn.intent());
    }

    private static Candidate candidate(BotTurnRecord turn, Why why, String markedBy) {
        return new Candidate(turn.text(), turn.intent(), turn.confidence(), turn.conversationId(), turn.ts(), why, markedBy);
    }

    /** The shopper's message the marked reply answered: the last visitor message before it. */
    private static java.util.Optional<StoredMessage> questionBefore(Store store, AnswerMark mark) {
        List<StoredMessage> before = store.messagesBefore(mark.conversationId(), mark.seq(), MARK_LOOKBACK);
        StoredMessage found = null;
        for (StoredMessage message : before) {
            if (message.from().role() == Role.VISITOR && message.text() != null && !message.text().isBlank()) {
                found = message;
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    private static List<Map<String, Object>> group(List<Candidate> candidates, Set<String> taught, Site site) {
        candidates.sort(Comparator.comparing(Candidate::ts).reversed());
        List<List<Candidate>> groups = new ArrayList<>();
        List<Set<String>> keys = new ArrayList<>();
        for (Candidate candidate : candidates) {
            List<String> words = words(candidate.text());
            if (words.isEmpty() || taught.contains(String.join(" ", words))) {
                continue;
            }
            Set<String> key = new HashSet<>(words);
            int at = -1;
            for (int i = 0; i < keys.size() && at < 0; i++) {
                if (jaccard(key, keys.get(i)) >= SIMILAR) {
                    at = i;
                }
            }
            if (at < 0) {
                if (groups.size() == MAX_ROWS) {
                    continue;
                }
                groups.add(new ArrayList<>());
                keys.add(key);
                at = groups.size() - 1;
            }
            groups.get(at).add(candidate);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<Candidate> group : groups) {
            // The row's wording: the one with the most signals (asked for a person and marked wrong…), else the newest.
            Map<String, Integer> signals = new HashMap<>();
            group.forEach(c -> signals.merge(c.text(), 1, Integer::sum));
            Candidate head = group.get(0);
            for (Candidate c : group) {
                if (signals.get(c.text()) > signals.get(head.text())) {
                    head = c;
                }
            }
            Set<String> whys = new LinkedHashSet<>();
            Set<String> phrasings = new LinkedHashSet<>();
            Set<String> markedBy = new LinkedHashSet<>();
            for (Candidate c : group) {
                whys.add(c.why().wireName());
                if (!c.text().equals(head.text()) && phrasings.size() < MAX_PHRASINGS) {
                    phrasings.add(c.text());
                }
                if (c.markedBy() != null) {
                    site.staffMember(c.markedBy()).ifPresent(s -> markedBy.add(s.name()));
                }
            }
            // The bot's guess: the most recent one that names an intent.
            Candidate guess = group.stream().filter(c -> c.intent() != null).findFirst().orElse(head);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("text", head.text());
            row.put("intent", guess.intent());
            row.put("confidence", guess.confidence());
            row.put("ts", head.ts());
            row.put("conversationId", head.conversationId());
            row.put("why", List.copyOf(whys));
            row.put("count", group.size());
            row.put("phrasings", List.copyOf(phrasings));
            row.put("markedBy", List.copyOf(markedBy));
            rows.add(row);
        }
        return rows;
    }

    /** Lower-case words without accents or punctuation, in order: "Livrez-vous ?" and "livrez vous" are one wording. */
    static List<String> words(String text) {
        String plain = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < plain.length(); i++) {
            char ch = plain.charAt(i);
            if (Character.getType(ch) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(ch)) {
                word.append(ch);
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        int common = 0;
        for (String word : a) {
            if (b.contains(word)) {
                common++;
            }
        }
        int union = a.size() + b.size() - common;
        return union == 0 ? 0 : (double) common / union;
    }
}
