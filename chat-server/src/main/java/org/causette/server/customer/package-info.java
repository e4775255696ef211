/**
 * One view of each customer: a verified {@code userId} joins its visitors across devices and channels into one
 * profile (conversations, purchases, lifetime value, consent history), with export (portability) and erasure.
 */
package org.causette.server.customer;
