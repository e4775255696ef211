/**
 * The Redis store ({@code --store redis://HOST:PORT[/DB]}): every key of a site shares the site's hash tag, so each
 * invariant (append with next seq, one open conversation, conditional updates with their indexes) is one Lua script
 * on one slot, on a single Redis as on Redis Cluster. See docs/scaling.md.
 */
package org.causette.server.store.redis;
