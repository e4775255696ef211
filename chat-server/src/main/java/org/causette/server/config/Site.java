package org.causette.server.config;

import org.causette.bot.Bot;
import org.causette.bot.knowledge.Faq;
import org.causette.bot.knowledge.FaqIntent;
import org.causette.bot.knowledge.SiteKnowledge;
import org.causette.server.config.scenario.Scenarios;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running site: its configuration, staff, and its bot, which admins can teach while it runs. The bot is swapped
 * whole once retrained, so a turn in progress finishes with the bot it started with.
 */
public final class Site {
    private final SiteConfig config;
    private final List<StaffMember> staff;
    private final SiteKnowledge fileKnowledge;
    private final byte[] catalogJson;
    private final Scenarios scenarios;
    private final OutcomeSettings outcomes;
    private volatile SiteKnowledge knowledge;
    private volatile Bot bot;
    private volatile int lessonsApplied;
    /** site.json {@code bot.encoder}: retraining keeps the choice the site started with. */
    private final boolean botEncoder;
    /** site.json {@code mail}, or null when the site sends no email. */
    private final MailSettings mail;
    /** site.json {@code typingPreview}: agents (never ambassadors) see the shopper's words as they type, masked. */
    private final boolean typingPreview;

    /** @param catalogJson the catalog as JSON, for the demo store front's pages */
    public Site(SiteConfig config, List<StaffMember> staff, SiteKnowledge knowledge, Bot bot, byte[] catalogJson) {
        this(config, staff, knowledge, bot, catalogJson, Scenarios.NONE);
    }

    /** @param scenarios the proactive messages of scenarios.json ({@link Scenarios#NONE} without that file) */
    public Site(SiteConfig config, List<StaffMember> staff, SiteKnowledge knowledge, Bot bot, byte[] catalogJson,
                Scenarios scenarios) {
        this(config, staff, knowledge, bot, catalogJson, scenarios, OutcomeSettings.DEFAULTS);
    }

    /** @param outcomes attribution window and NPS (site.json {@code attributionDays}, {@code nps}) */
    public Site(SiteConfig config, List<StaffMember> staff, SiteKnowledge knowledge, Bot bot, byte[] catalogJson,
                Scenarios scenarios, OutcomeSettings outcomes) {
        this(config, staff, knowledge, bot, catalogJson, scenarios, outcomes, false);
    }

    /** @param botEncoder whether the bot consults the English sentence encoder (site.json {@code bot.encoder}) */
    public Site(SiteConfig config, List<StaffMember> staff, SiteKnowledge knowledge, Bot bot, byte[] catalogJson,
                Scenarios scenarios, OutcomeSettings outcomes, boolean botEncoder) {
        this(config, staff, knowledge, bot, catalogJson, scenarios, outcomes, botEncoder, null, false);
    }

    /**
     * @param mail          how replies reach shoppers who left by email (site.json {@code mail}), or null: no email
     * @param typingPreview whether agents see what the shopper is typing (site.json {@code typingPreview}, off by default)
     */
    public Site(SiteConfig config, List<StaffMember> staff, SiteKnowledge knowledge, Bot bot, byte[] catalogJson,
                Scenarios scenarios, OutcomeSettings outcomes, boolean botEncoder, MailSettings mail,
                boolean typingPreview) {
        this.mail = mail;
        this.typingPreview = typingPreview;
        this.botEncoder = botEncoder;
        this.outcomes = outcomes;
        this.scenarios = scenarios;
        this.config = config;
        this.staff = List.copyOf(staff);
        this.fileKnowledge = knowledge;
        this.knowledge = knowledge;
        this.bot = bot;
        this.catalogJson = catalogJson;
    }

    public String id() {
        return config.id();
    }

    public SiteConfig config() {
        return config;
    }

    public List<StaffMember> staff() {
        return staff;
    }

    public SiteKnowledge knowledge() {
        return knowledge;
    }

    public Bot bot() {
        return bot;
    }

    public Scenarios scenarios() {
        return scenarios;
    }

    public OutcomeSettings outcomes() {
        return outcomes;
    }

    /** How replies reach shoppers who left, by email; empty when the site has no {@code mail} settings. */
    public Optional<MailSettings> mail() {
        return Optional.ofNullable(mail);
    }

    public boolean typingPreview() {
        return typingPreview;
    }

    /** The name staff read for a faq.json intent (its optional {@code title}, by language), or empty. */
    public Optional<Map<String, String>> intentTitle(String intentId) {
        SiteKnowledge current = knowledge;
        return current == null ? Optional.empty()
                : current.faq().byId(intentId).map(FaqIntent::title).filter(title -> !title.isEmpty());
    }

    public byte[] catalogJson() {
        return catalogJson;
    }

    public Optional<StaffMember> staffMember(String staffId) {
        return staff.stream().filter(s -> s.id().equals(staffId)).findFirst();
    }

    /**
     * Retrains the bot on the site's files plus everything taught since, and swaps it in. Blocks for the training
     * time (about a second): call it off the event loops. Synchronized so two lessons at once train in turn.
     */
    public synchronized void retrain(List<Lesson> lessons) {
        SiteKnowledge taught = withLessons(fileKnowledge, lessons);
        Bot trained = Bot.train(taught, botEncoder);
        this.knowledge = taught;
        this.bot = trained;
        this.lessonsApplied = lessons.size();
    }

    /** How many lessons the bot in service was trained with. */
    public int lessonsApplied() {
        return lessonsApplied;
    }

    /** Retrains only when lessons were added since the last training (by this node or another). */
    public void catchUp(List<Lesson> lessons) {
        if (lessons.size() != lessonsApplied) {
            retrain(lessons);
        }
    }

    /** The FAQ of the files with each lesson's question added as an example, and new intents for new answers. */
    static SiteKnowledge withLessons(SiteKnowledge base, List<Lesson> lessons) {
        if (lessons.isEmpty()) {
            return base;
        }
        Map<String, FaqIntent> intents = new LinkedHashMap<>();
        for (FaqIntent intent : base.faq().intents()) {
            intents.put(intent.id(), intent);
        }
        for (Lesson lesson : lessons) {
            FaqIntent current = intents.get(lesson.intent());
            Map<String, List<String>> examples = new HashMap<>();
            Map<String, String> answer = new HashMap<>();
            if (current != null) {
                current.examples().forEach((language, list) -> examples.put(language, new ArrayList<>(list)));
                answer.putAll(current.answer());
            }
            examples.computeIfAbsent(lesson.language(), l -> new ArrayList<>()).add(lesson.text());
            answer.putAll(lesson.answer());
            // A name given while teaching names the intent; faq.json's own title wins for an intent of the file.
            Map<String, String> title = current == null || current.title().isEmpty() ? lesson.title() : current.title();
            intents.put(lesson.intent(), current == null
                    ? new FaqIntent(lesson.intent(), examples, answer, List.of(), null, null, title)
                    : new FaqIntent(current.id(), examples, answer, current.quickReplies(), current.escalate(), current.skill(),
                    title));
        }
        return new SiteKnowledge(base.siteId(), base.siteName(), base.botName(), base.languages(), base.currency(),
                base.catalog(), new Faq(List.copyOf(intents.values())));
    }

    @Override
    public String toString() {
        return "Site[" + id() + "]";
    }
}
