package org.causette.server.store;

import org.causette.server.config.Lesson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of {@link LessonStore}: what admins taught the bot, per site, in the order taught. */
public abstract class LessonStoreContract extends StoreContract {

    @Test
    void lessonsComeBackPerSiteInTheOrderTaught() {
        assertTrue(store.lessons(site).isEmpty());
        Lesson first = new Lesson(site, "Livrez-vous en Belgique ?", "fr", "shipping", Map.of(), T0);
        Lesson second = new Lesson(site, "Do you gift-wrap?", "en", "gift_wrap", Map.of("en", "Yes, for 3 euros."),
                T0.plusSeconds(1));
        store.saveLesson(first);
        store.saveLesson(second);
        assertEquals(List.of(first, second), store.lessons(site));
        assertTrue(store.lessons(site + "-other").isEmpty());
    }
}
