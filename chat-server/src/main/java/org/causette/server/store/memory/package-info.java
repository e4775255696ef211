/**
 * The embedded store: one class per aggregate of the store's interfaces, held together by {@link
 * org.causette.server.store.memory.MemoryStore}. Everything lives in this process and is gone on restart.
 */
package org.causette.server.store.memory;
