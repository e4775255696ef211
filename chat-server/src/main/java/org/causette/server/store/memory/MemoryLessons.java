package org.causette.server.store.memory;

import org.causette.server.config.Lesson;
import org.causette.server.store.LessonStore;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What staff taught the bot, in memory, in the order taught. */
final class MemoryLessons implements LessonStore {
    private final Queue<Lesson> lessons = new ConcurrentLinkedQueue<>();

    @Override
    public void saveLesson(Lesson lesson) {
        lessons.add(lesson);
    }

    @Override
    public List<Lesson> lessons(String siteId) {
        return lessons.stream().filter(l -> l.siteId().equals(siteId)).toList();
    }
}
