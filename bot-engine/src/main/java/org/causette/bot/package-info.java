/**
 * The bot's public face: {@link org.causette.bot.Bot} trained from a site's {@link org.causette.bot.knowledge.SiteKnowledge},
 * and the value types of one turn. A library: no sockets, no threads of its own, no store.
 */
package org.causette.bot;
