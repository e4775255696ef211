package org.causette.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.bot.QuickReply;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * What every {@link Store} does, whatever keeps the data: the setup and helpers of the contract suites, one per
 * interface of the store ({@link ConversationStoreContract}, {@link VisitorStoreContract} …), each run against each
 * implementation by a nested class of {@link MemoryStoreTest} and {@link RedisStoreTest}. Each test uses its own site
 * id, so a shared backend needs no cleaning between tests.
 */
public abstract class StoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-20T10:00:00.123456Z");
    protected Store store;
    protected String site;

    /** A store on a fresh or shared backend. */
    protected abstract Store newStore();

    @BeforeEach
    void open() {
        store = newStore();
        site = "site-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected Conversation open(String visitorId) {
        return store.openConversation(Conversation.open(UUID.randomUUID().toString(), site, visitorId, "web", T0));
    }

    protected static MessageDraft draft(Author author, String clientId, String text) {
        return new MessageDraft(author, clientId, text, null, List.of(), List.of(), false, T0);
    }

    protected static Author visitor(String id) {
        return new Author(Role.VISITOR, id, null);
    }

    protected static <T> List<T> inParallel(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    protected static List<Long> seqs(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::seq).toList();
    }

    /** For stores shared between processes: two instances on the same backend agree. */
    protected void assertSharedSecret(Store other) {
        assertArrayEquals(store.serverSecret(), other.serverSecret());
    }

    protected static WebhookDelivery delivery(String site, Instant createdAt, Instant due) {
        return new WebhookDelivery(UUID.randomUUID().toString(), site, "https://crm.example/hook", "message.created",
                "{\"event\":\"message.created\"}", 0, createdAt, due, null);
    }

    protected ChannelLink link(String userId, String channel, String externalId, String visitorId) {
        return new ChannelLink(site, userId, channel, externalId, visitorId, T0);
    }

    protected VisitorEvent purchase(String visitorId, String orderId, double value, Instant ts) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("value", value).put("currency", "EUR");
        if (orderId != null) {
            data.put("orderId", orderId);
        }
        return new VisitorEvent(site, visitorId, "purchase", data, ts);
    }

    protected BotTurnRecord turnRecord(String conversationId, String visitorId, Instant ts) {
        return new BotTurnRecord(site, conversationId, visitorId, "Bonjour", "greeting", 0.9, "answer", true, ts);
    }

    protected static MessageDraft botSays(String text, Instant ts) {
        return new MessageDraft(new Author(Role.BOT, null, "Lumi"), null, text, null,
                List.of(new QuickReply("Retours", "INTENT:returns")), List.of(), false, ts);
    }
}
