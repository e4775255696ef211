package org.causette.server.store;

/**
 * Durable state of the hub, as one handle on its parts: one small interface per aggregate (conversations and
 * messages, visitors and customers, timelines, outcomes, variants, the webhook outbox, staff, retention, lessons),
 * each with a contract suite run against every implementation. Implementations are thread-safe; calls may block
 * (network), so they run on the conversation lanes, never on an event loop. Any failure to reach the backing store is
 * a {@link StoreUnavailableException}: the caller then reports {@code unavailable} and acknowledges nothing.
 *
 * <p>Operations that several nodes may race on are atomic in the store itself: {@link #append} (next seq and
 * idempotency), {@link #openConversation} (at most one open conversation per visitor and channel),
 * {@link #linkUser} and {@link #serverSecret}.
 */
public interface Store extends ConversationStore, VisitorStore, TimelineStore, OutcomeStore, VariantStore, OutboxStore,
        StaffStore, RetentionStore, LessonStore, AutoCloseable {

    /** Throws {@link StoreUnavailableException} when the store does not answer. */
    void ping();

    /** The hub's signing secret, created once and shared by every node and every restart. */
    byte[] serverSecret();

    @Override
    void close();
}
