/**
 * Who answers: presence of staff across nodes, the queue, assignment by role, skill or expertise, language and free
 * capacity (least busy first), answer timeouts, and what the shopper is told at each step.
 */
package org.causette.server.routing;
