/**
 * Where conversations live: the {@link org.causette.server.store.Store} interface, its records, and
 * the embedded default in {@code store.memory}, Redis in {@code store.redis}. Every call may block: never call it on an event loop.
 */
package org.causette.server.store;
