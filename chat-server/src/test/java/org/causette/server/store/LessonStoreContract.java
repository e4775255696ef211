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
                T0.plusSeconds(1), Map.of("en", "Gift wrapping"));
        store.saveLesson(first);
        store.saveLesson(second);
        assertEquals(List.of(first, second), store.lessons(site));
        assertTrue(store.lessons(site + "-other").isEmpty());
    }

    @Test
    void answerMarksComeBackPerSiteOnceEach() {
        assertTrue(store.answerMarks(site).isEmpty());
        AnswerMark first = new AnswerMark(site, "c-1", 4, "anna", T0);
        AnswerMark second = new AnswerMark(site, "c-2", 2, "anna", T0.plusSeconds(1));
        store.saveAnswerMark(first);
        store.saveAnswerMark(second);
        store.saveAnswerMark(new AnswerMark(site, "c-1", 4, "zoe", T0.plusSeconds(2)));
        assertEquals(List.of(first, second), store.answerMarks(site), "the same reply marked twice is one mark, the first");
        assertTrue(store.answerMarks(site + "-other").isEmpty());
    }
}
