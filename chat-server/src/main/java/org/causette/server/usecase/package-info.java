/**
 * What visitors and staff do, one level above the conversation machinery: a visitor's hello, messages, bot turns,
 * feedback and events; a staff member's commands and queue views; the site report. Called by the edges (ws, channel,
 * http), each command on the conversation's lane.
 */
package org.causette.server.usecase;
