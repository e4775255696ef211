package org.causette.server.store;

import org.causette.server.store.memory.MemoryEventQuota;
import org.causette.server.store.memory.MemoryLoginAttempts;
import org.causette.server.store.memory.MemoryStore;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every contract of the store's interfaces, against the embedded store. */
class MemoryStoreTest {
    @Nested
    class Conversations extends ConversationStoreContract {
        @Override
        protected Store newStore() {
            return new MemoryStore();
        }
    }

    @Nested
    class Visitors extends VisitorStoreContract {
        @Override
        protected Store newStore() {
            return new MemoryStore();
        }
    }

    @Nested
    class Timelines extends TimelineStoreContract {
        @Override
        protected Store newStore() {
            return new MemoryStore();
        }
    }

    @Nested
    class Outcomes extends OutcomeStoreContract {
        @Override
        protected Store newStore() {
            return new MemoryStore();
        }
    }

    @Nested
    class Variants extends VariantStoreContract {
        @Override
        protected Store newStore() {
            return new MemoryStore();
        }
    }

    @Nested
    class Outbox extends OutboxStoreContract {
        @Override
        protected Store newStore() {
            return new MemoryStore();
        }
    }

    @Nested
    class Staff extends StaffStoreContract {
        @Override
        protected Store newStore() {
            return new MemoryStore();
        }
    }

    @Nested
    class Lessons extends LessonStoreContract {
        @Override
        protected Store newStore() {
            return new MemoryStore();
        }
    }

    @Nested
    class Retention extends RetentionStoreContract {
        @Override
        protected Store newStore() {
            return new MemoryStore();
        }
    }

    @Nested
    class EventQuotas extends EventQuotaContract {
        private final MemoryEventQuota shared = new MemoryEventQuota();

        @Override
        protected EventQuota newQuota(List<AutoCloseable> toClose) {
            return shared; // one process: every "node" is this one
        }

        @Test
        void aWindowEndsAndAnotherStarts() {
            Instant now = Instant.parse("2026-12-07T10:00:00Z");
            for (int i = 0; i < EventQuota.MAX_EVENTS; i++) {
                shared.admit("s", "v1", 1, now);
            }
            assertFalse(shared.admit("s", "v1", 1, now));
            assertTrue(shared.admit("s", "v1", 1, now.plus(EventQuota.WINDOW)), "a new day, a new quota");
        }
    }

    @Nested
    class LoginFailures extends LoginAttemptsContract {
        private final MemoryLoginAttempts shared = new MemoryLoginAttempts();

        @Override
        protected LoginAttempts newAttempts(List<AutoCloseable> toClose) {
            return shared;
        }

        @Test
        void failuresAreForgottenAfterTheWindow() {
            Instant now = Instant.now();
            shared.failed("k", now);
            assertEquals(0, shared.failures("k", now.plus(LoginAttempts.WINDOW)).count());
        }
    }
}
