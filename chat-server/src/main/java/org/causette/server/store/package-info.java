/**
 * Where conversations live: the {@link org.causette.server.store.Store} interface, its records, and
 * {@link org.causette.server.store.MemoryStore}, the embedded default. Every call may block: never call it on an event loop.
 */
package org.causette.server.store;
