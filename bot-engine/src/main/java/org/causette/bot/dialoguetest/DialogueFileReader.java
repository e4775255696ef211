package org.causette.bot.dialoguetest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.causette.bot.Parse;
import org.causette.bot.knowledge.BuiltInIntents;
import org.causette.bot.knowledge.FaqIntent;
import org.causette.bot.knowledge.Product;
import org.causette.bot.knowledge.SiteKnowledge;
import org.causette.bot.knowledge.Variant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and validates dialogue files against one site (bot-engine/README.md, "Dialogue tests"). Strict on purpose: a
 * misspelt field would otherwise be an expectation silently never checked, so unknown fields, unknown intents and
 * SKUs that are not in the catalog are errors naming the file, the dialogue, the turn and the field.
 */
public final class DialogueFileReader {
    public static final int MAX_FILE_BYTES = 8 * 1024 * 1024;
    public static final int MAX_TURNS = 50;
    /** The hub's own limit on a visitor message (docs/protocol.md). */
    public static final int MAX_TEXT_CHARS = 4_000;
    public static final Set<String> ACTIONS = Set.of("answer", "clarify", "handover");
    public static final Set<String> TARGETS = Set.of("agent", "ambassador");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}");
    private static final Set<String> ROOT_FIELDS = Set.of("description", "dialogues");
    private static final Set<String> DIALOGUE_FIELDS = Set.of("name", "locale", "tags", "note", "turns");
    private static final Set<String> TURN_FIELDS = Set.of("text", "payload", "title", "tags", "note", "expect");
    private static final Set<String> EXPECT_FIELDS = Set.of("action", "target", "intent", "mustContain", "mustNotContain",
            "cards", "offersHuman");

    private final ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
    private final Set<String> intents = new HashSet<>();
    private final Set<String> skus = new HashSet<>();

    /** Intents and SKUs named in expectations are checked against this site's built-in and faq intents and catalog. */
    public DialogueFileReader(SiteKnowledge site) {
        intents.addAll(BuiltInIntents.ALL);
        intents.add(Parse.OUT_OF_SCOPE);
        for (FaqIntent intent : site.faq().intents()) {
            intents.add(intent.id());
        }
        for (Product p : site.catalog().products()) {
            skus.add(p.sku());
            for (Variant v : p.variants()) {
                if (v.sku() != null) {
                    skus.add(v.sku());
                }
            }
        }
    }

    public DialogueFile read(Path path) {
        String file = path.toString();
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new InvalidDialogueException(file, "(file)", "is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InvalidDialogueException(file, "(file)", "cannot be read: " + e);
        }
        return parse(file, bytes);
    }

    /** Parses one file's bytes; {@code file} names it in errors and reports. */
    public DialogueFile parse(String file, byte[] bytes) {
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "(file)" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidDialogueException(file, where, "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidDialogueException(file, "(file)", "cannot be read: " + e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidDialogueException(file, "(file)", "must be a JSON object {\"dialogues\": [...]}");
        }
        Where w = new Where(file, null, 0);
        onlyFields(root, ROOT_FIELDS, w, "");
        optionalText(root, "description", w, "");
        JsonNode list = root.get("dialogues");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw w.fail("dialogues", "must be a non-empty array of dialogues");
        }
        List<Dialogue> dialogues = new ArrayList<>(list.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Dialogue d = dialogue(list.get(i), new Where(file, "dialogues[" + i + "]", 0));
            if (!names.add(d.name())) {
                throw new Where(file, "\"" + d.name() + "\"", 0).fail("name", "is used by an earlier dialogue of this file");
            }
            dialogues.add(d);
        }
        return new DialogueFile(file, dialogues);
    }

    private Dialogue dialogue(JsonNode node, Where at) {
        if (!node.isObject()) {
            throw at.fail("", "must be an object with name and turns");
        }
        JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw at.fail("name", "must be a non-blank string");
        }
        String name = nameNode.asText().strip();
        Where w = new Where(at.file(), "\"" + name + "\"", 0);
        onlyFields(node, DIALOGUE_FIELDS, w, "");
        optionalText(node, "note", w, "");
        String locale = optionalText(node, "locale", w, "");
        if (locale != null && !LOCALE.matcher(locale).matches()) {
            throw w.fail("locale", "\"" + locale + "\" is not a locale like fr-FR or en");
        }
        List<String> tags = strings(node.get("tags"), w, "tags");
        JsonNode turnList = node.get("turns");
        if (turnList == null || !turnList.isArray() || turnList.isEmpty()) {
            throw w.fail("turns", "must be a non-empty array of turns");
        }
        if (turnList.size() > MAX_TURNS) {
            throw w.fail("turns", "has " + turnList.size() + " turns; at most " + MAX_TURNS);
        }
        List<DialogueTurn> turns = new ArrayList<>(turnList.size());
        for (int i = 0; i < turnList.size(); i++) {
            turns.add(turn(turnList.get(i), new Where(at.file(), w.dialogue(), i + 1)));
        }
        return new Dialogue(name, locale, tags, turns);
    }

    private DialogueTurn turn(JsonNode node, Where w) {
        if (!node.isObject()) {
            throw w.fail("", "must be an object with text (or payload and title) and expect");
        }
        onlyFields(node, TURN_FIELDS, w, "");
        optionalText(node, "note", w, "");
        String text = optionalText(node, "text", w, "");
        String payload = optionalText(node, "payload", w, "");
        String title = optionalText(node, "title", w, "");
        if (payload == null && title != null) {
            throw w.fail("title", "goes with a payload (a quick reply's title); a typed turn has text");
        }
        if (payload != null && text != null) {
            throw w.fail("text", "a quick-reply turn has payload and title, not text");
        }
        if (payload != null && title == null) {
            throw w.fail("title", "is required with a payload: the quick reply's title, as the hub passes it");
        }
        String said = payload != null ? title : text;
        if (said == null || said.isBlank()) {
            throw w.fail("text", "must be a non-blank string (what the shopper types)");
        }
        if (said.length() > MAX_TEXT_CHARS) {
            throw w.fail(payload != null ? "title" : "text", "is longer than the hub's " + MAX_TEXT_CHARS + " characters");
        }
        List<String> tags = strings(node.get("tags"), w, "tags");
        JsonNode expect = node.get("expect");
        Expectation expectation = expect == null ? Expectation.NONE : expectation(expect, w);
        return new DialogueTurn(said, payload, tags, expectation);
    }

    private Expectation expectation(JsonNode node, Where w) {
        if (!node.isObject()) {
            throw w.fail("expect", "must be an object");
        }
        onlyFields(node, EXPECT_FIELDS, w, "expect.");
        List<String> actions = oneOrMany(node.get("action"), w, "expect.action");
        for (String action : actions) {
            if (!ACTIONS.contains(action)) {
                throw w.fail("expect.action", "must be answer, clarify or handover, not \"" + action + "\"");
            }
        }
        String target = optionalText(node, "target", w, "expect.");
        if (target != null && !TARGETS.contains(target)) {
            throw w.fail("expect.target", "must be agent or ambassador, not \"" + target + "\"");
        }
        if (target != null && !actions.isEmpty() && !actions.equals(List.of("handover"))) {
            throw w.fail("expect.target", "goes with action handover, not " + String.join(" or ", actions));
        }
        List<String> intentNames = oneOrMany(node.get("intent"), w, "expect.intent");
        for (String intent : intentNames) {
            if (!intents.contains(intent)) {
                throw w.fail("expect.intent", "\"" + intent + "\" is neither a built-in intent, out_of_scope, nor an intent of this site's faq.json");
            }
        }
        List<List<String>> must = facts(node.get("mustContain"), w, "expect.mustContain");
        List<List<String>> mustNot = facts(node.get("mustNotContain"), w, "expect.mustNotContain");
        List<String> cards = strings(node.get("cards"), w, "expect.cards");
        for (String sku : cards) {
            if (!skus.contains(sku)) {
                throw w.fail("expect.cards", "\"" + sku + "\" is not a SKU of this site's catalog");
            }
        }
        JsonNode human = node.get("offersHuman");
        if (human != null && !human.isBoolean()) {
            throw w.fail("expect.offersHuman", "must be true or false");
        }
        return new Expectation(actions, target, intentNames, must, mustNot, cards, human == null ? null : human.asBoolean());
    }

    /** An array whose items are a fact (a string) or one fact's spellings (an array of strings). */
    private static List<List<String>> facts(JsonNode node, Where w, String field) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw w.fail(field, "must be an array of facts (each a string, or an array of its spellings)");
        }
        List<List<String>> facts = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            List<String> spellings = item.isArray() ? strings(item, w, field + "[" + i + "]") : List.of(text(item, w, field + "[" + i + "]"));
            if (spellings.isEmpty()) {
                throw w.fail(field + "[" + i + "]", "must name at least one spelling");
            }
            for (String s : spellings) {
                if (Facts.normalize(s).isBlank()) {
                    throw w.fail(field + "[" + i + "]", "must not be blank");
                }
            }
            facts.add(spellings);
        }
        return facts;
    }

    private static List<String> oneOrMany(JsonNode node, Where w, String field) {
        if (node == null) {
            return List.of();
        }
        return node.isArray() ? strings(node, w, field) : List.of(text(node, w, field));
    }

    private static List<String> strings(JsonNode node, Where w, String field) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw w.fail(field, "must be an array of strings");
        }
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(text(node.get(i), w, field + "[" + i + "]"));
        }
        return out;
    }

    private static String text(JsonNode node, Where w, String field) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw w.fail(field, "must be a non-blank string");
        }
        return node.asText();
    }

    private static String optionalText(JsonNode node, String name, Where w, String prefix) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw w.fail(prefix + name, "must be a string");
        }
        return v.asText();
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, Where w, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw w.fail(prefix + name, "is not a field here (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** Where in a file an error is: the dialogue (by name once known) and the turn (from 1; 0 for none). */
    private record Where(String file, String dialogue, int turn) {
        InvalidDialogueException fail(String field, String problem) {
            StringBuilder where = new StringBuilder();
            if (dialogue != null) {
                where.append("dialogue ").append(dialogue);
            }
            if (turn > 0) {
                where.append(", turn ").append(turn);
            }
            if (!field.isEmpty()) {
                where.append(where.isEmpty() ? "" : ", ").append(field);
            }
            return new InvalidDialogueException(file, where.isEmpty() ? "(file)" : where.toString(), problem);
        }
    }
}
