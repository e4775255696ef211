/**
 * The proactive scenarios of a site's scenarios.json as data: triggers, segments, conditions and A/B variants, and
 * their parser. The marketing package runs them; here they are only read and validated, with the other site files.
 */
package org.causette.server.config.scenario;
