/** The command line: {@code serve}, {@code eval} and {@code hash-password}. */
package org.causette.server.cli;
