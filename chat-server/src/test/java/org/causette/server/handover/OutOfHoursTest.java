package org.causette.server.handover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outside business hours (in the site's time zone) the shopper hears when people are back and may leave an email. */
class OutOfHoursTest {
    @TempDir
    Path folder;

    @Test
    void theShopperIsToldWhenPeopleAreBack() throws Exception {
        // Open only on the day after tomorrow in Paris: closed now, whatever the time of the test.
        ZonedDateTime paris = ZonedDateTime.now(ZoneId.of("Europe/Paris"));
        DayOfWeek openDay = paris.getDayOfWeek().plus(2);
        String key = openDay.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT).substring(0, 3);
        try (Stream<Path> files = Files.list(TestSites.testShop())) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        ObjectNode site = (ObjectNode) Json.MAPPER.readTree(folder.resolve("site.json").toFile());
        site.putObject("businessHours").put(key, "09:00-18:00");
        Files.writeString(folder.resolve("site.json"), site.toString());

        // Nobody online: a person online out of hours would answer, and the shopper is told so (HandoverStoryTest).
        try (TestHub hub = TestHub.start(folder); WsClient visitor = hub.visitor()) {
            HandoverTest.askForAPerson(visitor, "c1");
            String day = openDay.getDisplayName(TextStyle.FULL, Locale.FRENCH);
            JsonNode notice = HandoverTest.nextMessageSaying(visitor, "system", "de retour " + day + " à 09h00");
            assertTrue(notice.path("quickReplies").toString().contains("LEAVE_EMAIL"), notice.toString());
            HandoverTest.nextState(visitor, "queued");
        }
    }
}
