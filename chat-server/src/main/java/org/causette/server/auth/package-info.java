/**
 * Who is who: unforgeable visitor tokens, shops' signed visitor identities, staff password hashes.
 * Every comparison of secrets is constant-time.
 */
package org.causette.server.auth;
