package org.causette.server.store.memory;

import org.causette.server.config.Lesson;
import org.causette.server.store.AnswerMark;
import org.causette.server.store.LessonStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What staff taught the bot, in the order taught, and the replies marked wrong, in memory. */
final class MemoryLessons implements LessonStore {
    private final Queue<Lesson> lessons = new ConcurrentLinkedQueue<>();
    /** "conversation#seq" → the first mark of that reply, in marking order; guarded by its own monitor. */
    private final Map<String, AnswerMark> answerMarks = new LinkedHashMap<>();

    @Override
    public void saveLesson(Lesson lesson) {
        lessons.add(lesson);
    }

    @Override
    public List<Lesson> lessons(String siteId) {
        return lessons.stream().filter(l -> l.siteId().equals(siteId)).toList();
    }

    @Override
    public void saveAnswerMark(AnswerMark mark) {
        synchronized (answerMarks) {
            answerMarks.putIfAbsent(mark.conversationId() + "#" + mark.seq(), mark);
        }
    }

    @Override
    public List<AnswerMark> answerMarks(String siteId) {
        synchronized (answerMarks) {
            return answerMarks.values().stream().filter(m -> m.siteId().equals(siteId)).toList();
        }
    }
}
