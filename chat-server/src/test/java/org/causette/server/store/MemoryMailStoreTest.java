package org.causette.server.store;

/** The mail store's contract against the in-memory implementation. */
class MemoryMailStoreTest extends MailStoreContract {
    @Override
    protected MailStore newStore() {
        return new MemoryMailStore();
    }
}
