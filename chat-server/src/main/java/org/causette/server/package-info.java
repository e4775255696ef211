/**
 * The Causette hub: {@link org.causette.server.Main} (the command line) and {@link org.causette.server.CausetteServer},
 * where every part is wired.
 */
package org.causette.server;
