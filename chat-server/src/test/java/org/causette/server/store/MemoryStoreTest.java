package org.causette.server.store;

import org.causette.server.store.memory.MemoryStore;
import org.junit.jupiter.api.Nested;

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
}
