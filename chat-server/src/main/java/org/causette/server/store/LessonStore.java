package org.causette.server.store;

import org.causette.server.config.Lesson;

import java.util.List;

/**
 * What admins taught the bot, kept so every node and every restart retrains with it; and the bot's replies people
 * marked wrong, for the list of things to teach.
 */
public interface LessonStore {

    void saveLesson(Lesson lesson);

    /** Everything taught to a site's bot, oldest first. */
    List<Lesson> lessons(String siteId);

    /** Keeps a mark; marking the same reply again is one mark (the first). */
    void saveAnswerMark(AnswerMark mark);

    /** A site's marks, oldest first. */
    List<AnswerMark> answerMarks(String siteId);
}
