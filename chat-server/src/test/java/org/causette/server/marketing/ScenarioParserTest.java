package org.causette.server.marketing;

import org.causette.server.config.ConfigException;
import org.causette.server.config.Site;
import org.causette.server.config.SiteLoader;
import org.causette.server.config.SiteSource;
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
        assertEquals(3, scenarios.scenarios().size());
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
                {"scenarios": [ {"id": "x", "trigger": {"on": "exit_intent"}, "text": "Hi"} ]}""")
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
}
