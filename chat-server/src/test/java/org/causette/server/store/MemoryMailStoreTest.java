package org.causette.server.store;

import org.causette.server.store.memory.MemoryMailStore;

/** The mail store's contract against the in-memory implementation. */
class MemoryMailStoreTest extends MailStoreContract {
    @Override
    protected MailStore newStore() {
        return new MemoryMailStore();
    }
}
