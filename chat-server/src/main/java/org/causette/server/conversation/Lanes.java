package org.causette.server.conversation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ordered execution per key on a fixed set of single-threaded stripes: tasks of one key run one after the other in
 * submission order, tasks of different keys run in parallel. This is what keeps a conversation's seq without gaps
 * and without locks, and keeps blocking store calls and bot turns off the event loops. Each task runs inside the
 * {@link TaskWrapper} the edge gives (the WebSocket layer's flush batching: the frames a task sends leave together
 * when it ends, one wake-up of each socket's event loop per task, not one per frame).
 */
public final class Lanes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lanes.class);

    /** What runs around every task: the transport's batching of what the task sends. */
    @FunctionalInterface
    public interface TaskWrapper {
        TaskWrapper NONE = Runnable::run;

        /** Runs the task, whatever it throws doing what must follow it. */
        void around(Runnable task);
    }

    private final List<ThreadPoolExecutor> stripes;
    private final TaskWrapper wrapper;

    /**
     * @param stripeCount   how many lanes run at once (store calls block, so more than cores pays)
     * @param queueCapacity tasks waiting per stripe before new ones are refused
     * @param wrapper       runs around every task
     */
    public Lanes(int stripeCount, int queueCapacity, TaskWrapper wrapper) {
        this.wrapper = wrapper;
        List<ThreadPoolExecutor> list = new ArrayList<>(stripeCount);
        AtomicInteger threadNumber = new AtomicInteger();
        for (int i = 0; i < stripeCount; i++) {
            list.add(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                    runnable -> {
                        Thread thread = new Thread(runnable, "lane-" + threadNumber.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    }, new ThreadPoolExecutor.AbortPolicy()));
        }
        this.stripes = List.copyOf(list);
    }

    /**
     * Runs the task on the key's lane, after the tasks of that key submitted before it. The one way work reaches a
     * lane: when the lane is full or shut down, {@code rejected} runs at once on the caller's thread instead (tell the
     * client {@code unavailable}, count a lost event, or drop what the store will give back later), and the task
     * never runs.
     *
     * @return whether the task was queued
     */
    public boolean submit(String key, Runnable task, Runnable rejected) {
        try {
            stripes.get(Math.floorMod(spread(key.hashCode()), stripes.size())).execute(() -> {
                try {
                    wrapper.around(task);
                } catch (RuntimeException | Error e) {
                    log.error("Task on lane of {} failed", key, e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            rejected.run();
            return false;
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** Stops taking tasks and waits for the queued ones to finish. */
    public boolean shutdownAndAwait(Duration timeout) throws InterruptedException {
        stripes.forEach(ThreadPoolExecutor::shutdown);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ThreadPoolExecutor stripe : stripes) {
            if (!stripe.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        stripes.forEach(ThreadPoolExecutor::shutdownNow);
    }
}
