package org.causette.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.causette.bot.Bot;
import org.causette.bot.knowledge.Catalog;
import org.causette.bot.knowledge.Faq;
import org.causette.bot.knowledge.InvalidKnowledgeException;
import org.causette.bot.knowledge.KnowledgeLoader;
import org.causette.bot.knowledge.SiteKnowledge;
import org.causette.server.config.scenario.ScenarioParser;
import org.causette.server.config.scenario.Scenarios;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Loads a site folder: site.json (required), catalog.json, faq.json, staff.json and scenarios.json (each optional), replaces
 * {@code env:NAME} secrets, validates everything and trains the site's bot.
 */
public final class SiteLoader {
    private static final Logger log = LoggerFactory.getLogger(SiteLoader.class);

    public static final Pattern SITE_ID = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Pattern LANGUAGE = Pattern.compile("fr|en");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PASSWORD_HASH = Pattern.compile("pbkdf2-sha256\\$(\\d{1,9})\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");
    private static final int MAX_FILE_BYTES = 32 * 1024 * 1024;

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private final EnvSecrets secrets;

    public SiteLoader(Function<String, String> environment) {
        this.secrets = new EnvSecrets(environment);
    }

    public Site load(SiteSource source) {
        CheckedFiles files = read(source);
        long started = System.nanoTime();
        Bot bot = Bot.train(files.knowledge(), files.encoder());
        log.info("Site {}: {} products, {} FAQ intents, {} staff; bot trained in {} ms", files.config().id(),
                files.knowledge().catalog().products().size(), files.knowledge().faq().intents().size(),
                files.staff().size(), (System.nanoTime() - started) / 1_000_000);
        return new Site(files.config(), files.staff(), files.knowledge(), bot, files.catalogJson(), files.scenarios(),
                files.outcomes(), files.encoder(), files.mail(), files.typingPreview());
    }

    /**
     * Reads and checks every file of the folder without training the bot: the same {@link ConfigException} as
     * {@link #load} for a bad file, in milliseconds instead of the seconds a training takes.
     */
    public void check(SiteSource source) {
        read(source);
    }

    /** A site folder read and checked, everything but the trained bot. */
    private record CheckedFiles(SiteConfig config, OutcomeSettings outcomes, SiteKnowledge knowledge, List<StaffMember> staff,
                         boolean encoder, byte[] catalogJson, Scenarios scenarios, MailSettings mail,
                         boolean typingPreview) {
    }

    /** Every file is checked before the bot is trained: a mistake in the last file costs no training. */
    private CheckedFiles read(SiteSource source) {
        SiteConfig config = siteConfig(source);
        // Read apart from SiteConfig (a second parse of a small file, once at start): outcome settings stay in one place.
        OutcomeSettings outcomes = readOptional(source, "site.json")
                .map(tree -> OutcomeSettings.from(JsonFields.root(source.describe("site.json"), tree)))
                .orElse(OutcomeSettings.DEFAULTS);
        Catalog catalog = readOptional(source, "catalog.json")
                .map(tree -> knowledge(source, "catalog.json", () -> KnowledgeLoader.catalog(tree, "catalog.json")))
                .orElse(Catalog.EMPTY);
        Faq faq = readOptional(source, "faq.json")
                .map(tree -> knowledge(source, "faq.json", () -> KnowledgeLoader.faq(tree, "faq.json")))
                .orElse(Faq.EMPTY);
        List<StaffMember> staff = readOptional(source, "staff.json")
                .map(tree -> staff(tree, source.describe("staff.json")))
                .orElse(List.of());
        SiteKnowledge knowledge = new SiteKnowledge(config.id(), config.name(), config.botName(), config.languages(),
                config.currency(), catalog, faq);
        boolean encoder = readOptional(source, "site.json")
                .map(tree -> botEncoder(JsonFields.root(source.describe("site.json"), tree)))
                .orElse(false);
        boolean typingPreview = readOptional(source, "site.json")
                .map(tree -> JsonFields.root(source.describe("site.json"), tree).optionalBoolean("typingPreview", false))
                .orElse(false);
        byte[] catalogJson = source.read("catalog.json").orElse("{\"products\":[]}".getBytes(StandardCharsets.UTF_8));
        Scenarios scenarios = readOptional(source, "scenarios.json")
                .map(tree -> ScenarioParser.parse(tree, source.describe("scenarios.json"), sku -> catalog.products().stream()
                        .anyMatch(p -> p.sku().equals(sku) || p.variants().stream().anyMatch(v -> sku.equals(v.sku())))))
                .orElse(Scenarios.NONE);
        // Read apart from SiteConfig like the outcome settings: the email settings stay in one place (MailSettings).
        MailSettings mail = readOptional(source, "site.json")
                .map(tree -> MailSettings.from(JsonFields.root(source.describe("site.json"), tree)))
                .orElse(null);
        return new CheckedFiles(config, outcomes, knowledge, staff, encoder, catalogJson, scenarios, mail, typingPreview);
    }

    /** site.json {@code "bot": {"encoder": "on" | "off"}}: the English sentence encoder, off unless asked for. */
    private static boolean botEncoder(JsonFields site) {
        JsonFields bot = site.optionalObject("bot");
        String value = bot == null ? "off" : bot.optionalText("encoder", "off");
        if (!value.equals("on") && !value.equals("off")) {
            throw bot.fail(bot.fieldPath("encoder"), "must be \"on\" or \"off\", not \"" + value + "\"");
        }
        return value.equals("on");
    }

    private <T> T knowledge(SiteSource source, String file, java.util.function.Supplier<T> loader) {
        try {
            return loader.get();
        } catch (InvalidKnowledgeException e) {
            throw new ConfigException(source.describe(file), e.field(), e.problem());
        }
    }

    private java.util.Optional<JsonNode> readOptional(SiteSource source, String fileName) {
        return source.read(fileName).map(bytes -> parse(bytes, source, fileName));
    }

    private JsonNode parse(byte[] bytes, SiteSource source, String fileName) {
        String file = source.describe(fileName);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ConfigException(file, "(file)", "is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB");
        }
        try {
            JsonNode tree = json.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw new ConfigException(file, "(file)", "is empty");
            }
            return secrets.resolve(tree, file);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "(file)" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new ConfigException(file, where, "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file, "(file)", "cannot be read: " + e.getMessage());
        }
    }

    private SiteConfig siteConfig(SiteSource source) {
        String file = source.describe("site.json");
        JsonNode tree = source.read("site.json").map(bytes -> parse(bytes, source, "site.json"))
                .orElseThrow(() -> new ConfigException(file, "(file)", "is missing: every site folder needs a site.json"));
        JsonFields site = JsonFields.root(file, tree);
        String id = site.matching("id", SITE_ID, "a site id of 1 to 40 characters a-z, 0-9 and -");
        String name = site.optionalText("name", id);
        List<String> languages = site.has("languages") ? site.optionalStrings("languages") : List.of("en");
        if (languages.isEmpty()) {
            throw site.fail("languages", "must name at least one language");
        }
        for (int i = 0; i < languages.size(); i++) {
            if (!LANGUAGE.matcher(languages.get(i)).matches()) {
                throw site.fail("languages[" + i + "]", "\"" + languages.get(i) + "\" is not a supported language (fr or en)");
            }
        }
        if (new HashSet<>(languages).size() != languages.size()) {
            throw site.fail("languages", "names a language twice");
        }
        String currency = site.has("currency") ? site.matching("currency", CURRENCY, "an ISO 4217 code like EUR") : "EUR";
        List<String> origins = site.optionalStrings("allowedOrigins");
        for (int i = 0; i < origins.size(); i++) {
            String origin = origins.get(i);
            if (!origin.matches("https?://[^/\\s]+")) {
                throw site.fail("allowedOrigins[" + i + "]", "\"" + origin + "\" is not an origin like https://shop.example (scheme and host, no path)");
            }
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(site.optionalText("timezone", "UTC"));
        } catch (DateTimeException e) {
            throw site.fail("timezone", "\"" + site.optionalText("timezone", "") + "\" is not a time zone like Europe/Paris");
        }
        BusinessHours hours = BusinessHours.alwaysOpen(zone);
        JsonFields hoursObject = site.optionalObject("businessHours");
        if (hoursObject != null) {
            Map<String, String> entries = new LinkedHashMap<>();
            site.raw("businessHours").fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    throw site.fail("businessHours." + e.getKey(), "must be a string like \"09:00-19:00\"");
                }
                entries.put(e.getKey(), e.getValue().asText());
            });
            hours = BusinessHours.parse(site, entries, zone, "businessHours");
        }
        String identitySecret = site.optionalText("identitySecret", null);
        if (identitySecret != null && identitySecret.length() < 16) {
            throw site.fail("identitySecret", "is too short to be safe (at least 16 characters)");
        }
        boolean requireIdentity = site.optionalBoolean("requireIdentity", false);
        if (requireIdentity && identitySecret == null) {
            throw site.fail("requireIdentity", "is true but no identitySecret is set to verify identities with");
        }
        boolean requireIdentityForCustomers = site.optionalBoolean("requireIdentityForCustomers", false);
        if (requireIdentityForCustomers && identitySecret == null) {
            throw site.fail("requireIdentityForCustomers", "is true but no identitySecret is set to verify identities with");
        }
        int retentionDays = site.optionalInt("retentionDays", 365, 1, 36500);
        JsonFields bot = site.optionalObject("bot");
        String botName = bot == null ? "Causette" : bot.optionalText("name", "Causette");
        ChannelConfig messenger = messenger(site.optionalObject("messenger"));
        ChannelConfig whatsapp = channel(site.optionalObject("whatsapp"), "phoneNumberId", "accessToken");
        RoutingSettings routing = RoutingSettings.DEFAULTS;
        JsonFields routingObject = site.optionalObject("routing");
        if (routingObject != null) {
            routing = new RoutingSettings(
                    java.time.Duration.ofSeconds(routingObject.optionalInt("answerTimeoutSeconds",
                            (int) RoutingSettings.DEFAULTS.answerTimeout().toSeconds(), 1, 86_400)),
                    java.time.Duration.ofSeconds(routingObject.optionalInt("ambassadorAnswerTimeoutSeconds",
                            (int) RoutingSettings.DEFAULTS.ambassadorAnswerTimeout().toSeconds(), 1, 86_400)));
        }
        JsonFields widgetObject = site.optionalObject("widget");
        String privacyUrl = site.optionalText("privacyUrl", null);
        if (privacyUrl != null && !privacyUrl.matches("https?://[^\\s\"'<>]{1,2000}")) {
            throw site.fail("privacyUrl", "\"" + privacyUrl + "\" is not an http(s) URL");
        }
        WidgetSettings widget = new WidgetSettings(widgetObject != null && widgetObject.optionalBoolean("sound", false), privacyUrl);
        return new SiteConfig(id, name, languages, currency, origins, hours, identitySecret, requireIdentity,
                retentionDays, botName, messenger, whatsapp, routing, cannedResponses(site, file), webhooks(site, file),
                requireIdentityForCustomers, widget);
    }

    private static List<SiteConfig.CannedResponse> cannedResponses(JsonFields site, String file) {
        JsonNode array = site.raw("cannedResponses");
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw site.fail("cannedResponses", "must be an array of {\"shortcut\", \"text\"}");
        }
        List<SiteConfig.CannedResponse> responses = new ArrayList<>();
        Set<String> shortcuts = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonFields item = new JsonFields(file, "cannedResponses[" + i + "]", array.get(i));
            String shortcut = item.matching("shortcut", Pattern.compile("/[\\p{L}0-9_-]{1,40}"), "a shortcut like /livraison");
            if (!shortcuts.add(shortcut)) {
                throw item.fail(item.fieldPath("shortcut"), "\"" + shortcut + "\" is used twice");
            }
            JsonNode text = item.raw("text");
            Map<String, String> byLanguage = new LinkedHashMap<>();
            if (text != null && text.isTextual()) {
                byLanguage.put("fr", text.asText());
                byLanguage.put("en", text.asText());
            } else if (text != null && text.isObject()) {
                text.fields().forEachRemaining(e -> {
                    if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                        throw item.fail(item.fieldPath("text") + "." + e.getKey(), "must be a non-empty string");
                    }
                    byLanguage.put(e.getKey(), e.getValue().asText());
                });
            }
            if (byLanguage.isEmpty()) {
                throw item.fail(item.fieldPath("text"), "is required: a string or {\"fr\": …, \"en\": …}");
            }
            String intent = item.has("intent")
                    ? item.matching("intent", Pattern.compile("[a-z0-9_]{1,40}"), "an intent id like shipping") : null;
            responses.add(new SiteConfig.CannedResponse(shortcut, byLanguage, intent));
        }
        return responses;
    }

    private ChannelConfig messenger(JsonFields messenger) {
        ChannelConfig base = channel(messenger, "pageId", "pageAccessToken");
        if (base == null) {
            return null;
        }
        String handover = messenger.optionalText("handover", ChannelConfig.HANDOVER_CONSOLE);
        if (!handover.equals(ChannelConfig.HANDOVER_CONSOLE) && !handover.equals(ChannelConfig.HANDOVER_PAGE_INBOX)) {
            throw messenger.fail(messenger.fieldPath("handover"), "\"" + handover + "\" is not \""
                    + ChannelConfig.HANDOVER_CONSOLE + "\" (our console) or \"" + ChannelConfig.HANDOVER_PAGE_INBOX
                    + "\" (Meta's Page inbox, by the Handover Protocol)");
        }
        int pause = messenger.optionalInt("pauseBotHours", ChannelConfig.DEFAULT_PAUSE_BOT_HOURS, 1, 24 * 30);
        return new ChannelConfig(base.accountId(), base.verifyToken(), base.appSecret(), base.accessToken(),
                base.graphApiUrl(), handover, pause);
    }

    private static List<WebhookSubscription> webhooks(JsonFields site, String file) {
        JsonNode array = site.raw("webhooks");
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw site.fail("webhooks", "must be an array of {\"url\", \"secret\", \"events\"}");
        }
        List<WebhookSubscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonFields item = new JsonFields(file, "webhooks[" + i + "]", array.get(i));
            String url = item.requiredText("url");
            if (!url.matches("https?://[^/\\s]+(/\\S*)?")) {
                throw item.fail(item.fieldPath("url"), "\"" + url + "\" is not an http(s) URL");
            }
            String secret = item.requiredText("secret");
            if (secret.length() < 16) {
                throw item.fail(item.fieldPath("secret"), "is too short to be safe (at least 16 characters)");
            }
            List<String> events = item.has("events") ? item.optionalStrings("events") : WebhookSubscription.EVENTS;
            if (events.isEmpty()) {
                throw item.fail(item.fieldPath("events"), "is empty: name at least one event, or leave it out for all");
            }
            for (int e = 0; e < events.size(); e++) {
                if (!WebhookSubscription.EVENTS.contains(events.get(e))) {
                    throw item.fail(item.fieldPath("events") + "[" + e + "]", "\"" + events.get(e)
                            + "\" is not one of " + String.join(", ", WebhookSubscription.EVENTS));
                }
            }
            subscriptions.add(new WebhookSubscription(url, secret, events));
        }
        return List.copyOf(subscriptions);
    }

    private ChannelConfig channel(JsonFields channel, String accountField, String tokenField) {
        if (channel == null) {
            return null;
        }
        String graphApiUrl = channel.optionalText("graphApiUrl", "https://graph.facebook.com/v21.0");
        if (!graphApiUrl.matches("https?://\\S+")) {
            throw channel.fail(channel.fieldPath("graphApiUrl"), "\"" + graphApiUrl + "\" is not an http(s) URL");
        }
        return new ChannelConfig(channel.requiredText(accountField), channel.requiredText("verifyToken"),
                channel.requiredText("appSecret"), channel.requiredText(tokenField),
                graphApiUrl.endsWith("/") ? graphApiUrl.substring(0, graphApiUrl.length() - 1) : graphApiUrl);
    }

    /** A staff photo: an absolute http(s) URL, or a path on the shop's own origin; at most 2,000 characters. */
    private static final Pattern AVATAR_URL = Pattern.compile("(https?://|/)[^\\s\"'<>]{1,2000}");

    private List<StaffMember> staff(JsonNode tree, String file) {
        JsonFields root = JsonFields.root(file, tree);
        JsonNode array = root.raw("staff");
        if (array == null || !array.isArray()) {
            throw root.fail("staff", "must be an array of staff members");
        }
        List<StaffMember> staff = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonFields person = new JsonFields(file, "staff[" + i + "]", array.get(i));
            String id = person.matching("id", STAFF_ID, "an id of 1 to 64 letters, digits, '.', '_' or '-'");
            if (!ids.add(id)) {
                throw person.fail(person.fieldPath("id"), "\"" + id + "\" is used twice");
            }
            String roleName = person.requiredText("role");
            StaffMember.StaffRole role;
            try {
                role = StaffMember.StaffRole.valueOf(roleName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw person.fail(person.fieldPath("role"), "\"" + roleName + "\" is not agent, ambassador or admin");
            }
            List<String> languages = person.optionalStrings("languages");
            String hash = person.requiredText("passwordHash");
            checkPasswordHash(hash, person);
            String avatarUrl = person.optionalText("avatarUrl", null);
            if (avatarUrl != null && !AVATAR_URL.matcher(avatarUrl).matches()) {
                throw person.fail(person.fieldPath("avatarUrl"), "\"" + avatarUrl + "\" is not an http(s) URL (or a path from /)");
            }
            staff.add(new StaffMember(id, person.optionalText("name", id), role, person.optionalStrings("skills"),
                    person.optionalStrings("expertise"), languages, person.optionalInt("maxChats", 3, 0, 100), hash, avatarUrl));
        }
        return List.copyOf(staff);
    }

    private static void checkPasswordHash(String hash, JsonFields person) {
        var matcher = PASSWORD_HASH.matcher(hash);
        String field = person.fieldPath("passwordHash");
        if (!matcher.matches()) {
            throw person.fail(field, "is not pbkdf2-sha256$ITERATIONS$SALT$KEY (make one with: java -jar causette.jar hash-password)");
        }
        try {
            int iterations = Integer.parseInt(matcher.group(1));
            if (iterations < 10_000) {
                throw person.fail(field, "uses " + iterations + " iterations; at least 10000 are needed");
            }
            Base64.getDecoder().decode(matcher.group(2));
            if (Base64.getDecoder().decode(matcher.group(3)).length != 32) {
                throw person.fail(field, "has a key that is not 32 bytes");
            }
        } catch (IllegalArgumentException e) {
            throw person.fail(field, "has a salt or key that is not standard Base64");
        }
    }
}
