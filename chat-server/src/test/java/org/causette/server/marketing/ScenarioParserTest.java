package org.causette.server.marketing;

import org.causette.server.config.ConfigException;
import org.causette.server.config.Site;
import org.causette.server.config.SiteLoader;
import org.causette.server.config.SiteSource;
import org.causette.server.config.scenario.CardSource;
import org.causette.server.config.scenario.Scenario;
import org.causette.server.config.scenario.ScenarioParser;
import org.causette.server.config.scenario.Scenarios;
import org.causette.server.config.scenario.Segment;
import org.causette.server.config.scenario.Trigger;
import org.causette.server.support.TestSites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioParserTest {
    private final SiteLoader loader = new SiteLoader(TestSites.ENV::get);

    @TempDir
    Path folder;

    @Test
    void loadsTheMarketingShopsScenarios() {
        Site site = loader.load(SiteSource.folder(TestSites.resource("sites/marketing-shop")));
        Scenarios scenarios = site.scenarios();
        assertEquals(Duration.ofHours(24), scenarios.cap());
        assertEquals(8, scenarios.scenarios().size(), "seven scenarios and the greeting, last");
        Scenario cart = scenarios.scenarios().get(0);
        assertEquals("big-cart", cart.id());
        assertEquals(Trigger.On.CART_UPDATE, cart.trigger().on());
        assertEquals(200.0, cart.trigger().minCartValue());
        assertEquals(2, cart.variants().size());
        assertEquals("Delivery", cart.variants().get(0).quickRepliesIn("en", "fr").get(0).title());
        Scenario armchairs = scenarios.scenarios().get(1);
        assertEquals("/fauteuils", armchairs.trigger().urlContains());
        assertEquals(2, armchairs.trigger().minPages());
        assertEquals("a", armchairs.variants().get(0).id(), "a scenario without variants has one, called a");
        assertTrue(scenarios.scenarios().get(2).trigger().returning());
        assertEquals(java.util.List.of("vip"), scenarios.scenarios().get(3).conditions().segments());
        assertEquals(new CardSource(CardSource.Kind.LIST, java.util.List.of("SOLA")), scenarios.scenarios().get(3).variants().get(0).cards());
        Scenario linger = scenarios.scenarios().get(4);
        assertEquals(Trigger.On.TIME_ON_PAGE, linger.trigger().on());
        assertEquals(45, linger.trigger().seconds());
        assertEquals(CardSource.Kind.RELATED, linger.variants().get(0).cards().kind());
        Scenario cartLeft = scenarios.scenarios().get(5);
        assertEquals(10, cartLeft.trigger().idleMinutes());
        assertEquals(50.0, cartLeft.trigger().minCartValue());
        assertEquals(CardSource.Kind.CART, cartLeft.variants().get(1).cards().kind());
        assertEquals(Trigger.On.EXIT_INTENT, scenarios.scenarios().get(6).trigger().on());
        Segment vip = scenarios.segments().get("vip");
        assertEquals(1, vip.minPurchases());
        assertEquals(300.0, vip.minLifetimeValue());
        assertEquals(Boolean.FALSE, scenarios.segments().get("newcomer").returning());
        Scenario greeting = scenarios.greeting().orElseThrow();
        assertEquals(Scenario.GREETING, greeting.id());
        assertEquals(2, greeting.variants().size());
        assertTrue(scenarios.on(Trigger.On.HELLO).stream().noneMatch(s -> s.id().equals(Scenario.GREETING)));
    }

    @Test
    void aSiteWithoutScenariosHasNone() {
        Site site = loader.load(SiteSource.folder(TestSites.testShop()));
        assertTrue(site.scenarios().scenarios().isEmpty());
    }

    private String problemWith(String scenariosJson) throws IOException {
        try (Stream<Path> files = Files.list(TestSites.testShop())) {
            for (Path source : files.toList()) {
                Files.copy(source, folder.resolve(source.getFileName()));
            }
        }
        Files.writeString(folder.resolve("scenarios.json"), scenariosJson);
        return assertThrows(ConfigException.class, () -> loader.load(SiteSource.folder(folder))).getMessage();
    }

    @Test
    void namesTheFileTheFieldAndTheProblem() throws IOException {
        String problem = problemWith("""
                {"scenarios": [ {"id": "x", "trigger": {"on": "cart_update"}, "variants": [
                  {"id": "a", "weight": 0, "text": "Hi"} ]} ]}""");
        assertTrue(problem.contains("scenarios.json"), problem);
        assertTrue(problem.contains("scenarios[0].variants[0].weight"), problem);
        assertTrue(problem.contains("whole number from 1"), problem);
    }

    @Test
    void refusesAnUnknownTrigger() throws IOException {
        assertTrue(problemWith("""
                {"scenarios": [ {"id": "x", "trigger": {"on": "scroll_depth"}, "text": "Hi"} ]}""")
                .contains("scenarios[0].trigger.on"));
    }

    @Test
    void refusesDuplicateScenarioIds() throws IOException {
        String problem = problemWith("""
                {"scenarios": [ {"id": "x", "trigger": {"on": "hello"}, "text": "Hi"},
                                {"id": "x", "trigger": {"on": "hello"}, "text": "Hi"} ]}""");
        assertTrue(problem.contains("scenarios[1].id") && problem.contains("used twice"), problem);
    }

    @Test
    void refusesAMissingText() throws IOException {
        String missing = problemWith("""
                {"scenarios": [ {"id": "x", "trigger": {"on": "hello"}} ]}""");
        assertTrue(missing.contains("scenarios[0].text"), missing);
    }

    @Test
    void refusesACapUnderHalfAnHour() throws IOException {
        String cap = problemWith("""
                {"capHours": 0.1, "scenarios": []}""");
        assertTrue(cap.contains("capHours"), cap);
    }

    /** The parser alone, without loading a site (which trains a bot): for the many cases of bad fields. */
    private static String parseProblem(String scenariosJson) throws IOException {
        com.fasterxml.jackson.databind.JsonNode tree = org.causette.server.wire.Json.MAPPER.readTree(scenariosJson);
        return assertThrows(ConfigException.class, () -> ScenarioParser.parse(tree, "shop/scenarios.json",
                java.util.Set.of("LUNA", "LUNA-AMBRE")::contains)).getMessage();
    }

    /** Every new field's mistakes name the file, the field and the problem. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"on\": \"time_on_page\"}|scenarios[0].trigger.seconds|is required",
            "{\"on\": \"time_on_page\", \"seconds\": 0}|scenarios[0].trigger.seconds|whole number from 1 to 86400",
            "{\"on\": \"time_on_page\", \"seconds\": 30, \"urlContains\": 3}|scenarios[0].trigger.urlContains|non-empty string",
            "{\"on\": \"cart_abandoned\"}|scenarios[0].trigger.idleMinutes|is required",
            "{\"on\": \"cart_abandoned\", \"idleMinutes\": 1.5}|scenarios[0].trigger.idleMinutes|whole number",
            "{\"on\": \"cart_abandoned\", \"idleMinutes\": 5, \"minCartValue\": -1}|scenarios[0].trigger.minCartValue|0 or more",
            "{\"on\": \"exit_intent\", \"urlContains\": \"\"}|scenarios[0].trigger.urlContains|non-empty string"})
    void refusesBadTimerAndExitTriggers(String trigger, String field, String problem) throws IOException {
        String message = parseProblem("{\"scenarios\": [ {\"id\": \"x\", \"trigger\": " + trigger + ", \"text\": \"Hi\"} ]}");
        assertTrue(message.contains("scenarios.json") && message.contains(field) && message.contains(problem), message);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "\"cards\": \"wishlist\"|scenarios[0].cards|\"cart\", \"related\" or a list of 1 to 3 SKUs",
            "\"cards\": []|scenarios[0].cards|a list of 1 to 3",
            "\"cards\": [\"A\", \"B\", \"C\", \"D\"]|scenarios[0].cards|a list of 1 to 3",
            "\"cards\": [\"NOPE\"]|scenarios[0].cards[0]|\"NOPE\" is not a SKU of catalog.json",
            "\"conditions\": {\"segment\": \"vip\"}|scenarios[0].conditions.segment|segment defined in \"segments\" (known: none)",
            "\"conditions\": {\"segments\": []}|scenarios[0].conditions.segments|non-empty array"})
    void refusesBadCardsAndSegmentReferences(String field, String path, String problem) throws IOException {
        String message = parseProblem("{\"scenarios\": [ {\"id\": \"x\", \"trigger\": {\"on\": \"hello\"}, \"text\": \"Hi\", "
                + field + "} ]}");
        assertTrue(message.contains(path) && message.contains(problem), message);
    }

    @Test
    void acceptsTheSkusOfProductsAndOfTheirVariants() throws IOException {
        String message = problemWith("{\"scenarios\": [ {\"id\": \"x\", \"trigger\": {\"on\": \"hello\"}, \"text\": \"Hi\", "
                + "\"cards\": [\"LUNA\", \"LUNA-AMBRE\"]} ], \"capHours\": 0}");
        assertTrue(message.contains("capHours"), "the cards passed, the next mistake is reported: " + message);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"id\": \"vip\"}|segments[0]|has no criterion",
            "{\"id\": \"Vip!\", \"returning\": true}|segments[0].id|not an id",
            "{\"id\": \"vip\", \"spent\": 300}|segments[0].spent|is not a segment criterion",
            "{\"id\": \"vip\", \"minLifetimeValue\": \"300\"}|segments[0].minLifetimeValue|number of 0 or more",
            "{\"id\": \"vip\", \"minPurchases\": -1}|segments[0].minPurchases|whole number from 0",
            "{\"id\": \"vip\", \"languages\": [\"de\"]}|segments[0].languages[0]|\"fr\" or \"en\"",
            "{\"id\": \"vip\", \"returning\": \"yes\"}|segments[0].returning|true or false",
            "{\"id\": \"vip\", \"visited\": \"\"}|segments[0].visited|non-empty string"})
    void refusesBadSegments(String segment, String path, String problem) throws IOException {
        String message = parseProblem("{\"segments\": [" + segment + "], \"scenarios\": []}");
        assertTrue(message.contains(path) && message.contains(problem), message);
    }

    @Test
    void refusesTwoSegmentsWithOneId() throws IOException {
        String message = parseProblem("""
                {"segments": [{"id": "vip", "minPurchases": 1}, {"id": "vip", "returning": true}], "scenarios": []}""");
        assertTrue(message.contains("segments[1].id") && message.contains("used twice"), message);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "[]|greeting|must be an object",
            "{}|greeting.text|is required",
            "{\"variants\": []}|greeting.variants|non-empty array",
            "{\"variants\": [{\"id\": \"a\", \"weight\": 0, \"text\": \"Hi\"}]}|greeting.variants[0].weight|whole number from 1",
            "{\"variants\": [{\"id\": \"a\", \"text\": \"Hi\", \"cards\": \"cart\"}]}|greeting.variants[0].cards|text and quick replies only",
            "{\"text\": \"Hi\", \"quickReplies\": [{\"title\": \"x\"}]}|greeting.quickReplies[0].payload|is required"})
    void refusesABadGreeting(String greeting, String path, String problem) throws IOException {
        String message = parseProblem("{\"greeting\": " + greeting + ", \"scenarios\": []}");
        assertTrue(message.contains(path) && message.contains(problem), message);
    }

    @Test
    void reservesTheGreetingsId() throws IOException {
        String message = parseProblem("""
                {"scenarios": [ {"id": "greeting", "trigger": {"on": "hello"}, "text": "Hi"} ]}""");
        assertTrue(message.contains("scenarios[0].id") && message.contains("reserved"), message);
    }
}
