package org.causette.server.store;

import org.causette.server.config.Lesson;

import java.util.List;

/** What admins taught the bot, kept so every node and every restart retrains with it. */
public interface LessonStore {

    void saveLesson(Lesson lesson);

    /** Everything taught to a site's bot, oldest first. */
    List<Lesson> lessons(String siteId);
}
