/**
 * Email to shoppers who left before staff answered (docs/email.md): the owed emails, their text in French and
 * English, and SMTP through Jakarta Mail (Eclipse Angus). An edge beside the sockets and channels: it talks to an
 * outside server, so it knows neither {@code http}, {@code ws} nor {@code channel}.
 */
package org.causette.server.mail;
