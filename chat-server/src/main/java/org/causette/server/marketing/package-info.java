/**
 * Conversational marketing: proactive messages that site files ({@code scenarios.json}) trigger from what a visitor
 * does, under frequency caps, with A/B variants a visitor keeps (a hash, no storage) and counters per variant, and the
 * two-proportion test that says whether one variant does better.
 */
package org.causette.server.marketing;
