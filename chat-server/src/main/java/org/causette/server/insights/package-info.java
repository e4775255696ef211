/**
 * What conversations bring: purchases attributed to who helped (bot, agent, ambassador), proactive variants' conversions
 * and revenue, the NPS question and satisfaction per person and channel, and ambassadors' recognition points.
 */
package org.causette.server.insights;
