/**
 * The conversation state machine (bot → queued → assigned → closed) and the way of a message: append to the store,
 * ack, deliver to local connections, publish to the other nodes, then the bot's turn. One lane per visitor keeps
 * each conversation's commands in order.
 */
package org.causette.server.conversation;
