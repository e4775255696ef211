package org.causette.server.store;

/** The contract, against the embedded store. */
class MemoryStoreTest extends StoreContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
