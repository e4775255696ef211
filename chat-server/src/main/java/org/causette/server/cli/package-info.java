/** The command line: {@code serve}, {@code eval}, {@code test-dialogues} and {@code hash-password}. */
package org.causette.server.cli;
