package org.causette.server.mail;

import org.causette.server.store.StoredMessage;

import java.util.List;

/**
 * The email a shopper gets, in French or English: a subject, a plain-text part and an HTML part carrying the same
 * words. Everything that comes from people (names, replies, the shop's name) is escaped in the HTML part.
 */
final class MailTexts {
    private final boolean french;

    private MailTexts(String language) {
        this.french = "fr".equals(language);
    }

    static MailTexts in(String language) {
        return new MailTexts(language);
    }

    /** One reply as shown: who wrote it and what. */
    record Reply(String name, String text) {
        static Reply of(StoredMessage message, String fallbackName) {
            String name = message.from().name();
            return new Reply(name == null || name.isBlank() ? fallbackName : name, message.text() == null ? "" : message.text());
        }
    }

    String fallbackName() {
        return french ? "L'équipe" : "The team";
    }

    String subject(String shopName, int replies) {
        if (french) {
            return replies == 1 ? shopName + " vous a répondu" : shopName + " vous a répondu (" + replies + " messages)";
        }
        return replies == 1 ? shopName + " replied to you" : shopName + " replied to you (" + replies + " messages)";
    }

    private String intro(String shopName) {
        return french ? "Vous avez quitté la conversation avec " + shopName + " avant que l'équipe ne vous réponde. Voici sa réponse :"
                : "You left your conversation with " + shopName + " before the team answered. Here is what they wrote:";
    }

    private String open() {
        return french ? "Reprendre la conversation" : "Continue the conversation";
    }

    private String expiry(long hours) {
        return french ? "Ce lien est personnel et reste valable " + hours + " heures. Ne le transférez pas."
                : "This link is personal and works for " + hours + " hours. Please do not forward it.";
    }

    private String why(String shopName) {
        return french ? "Vous recevez cet e-mail parce que vous avez demandé à " + shopName
                + " de vous répondre par e-mail. Répondez dans le chat ; cette adresse n'est pas lue."
                : "You are receiving this email because you asked " + shopName
                + " to answer you by email. Please answer in the chat; this address is not read.";
    }

    /** French puts a (non-breaking) space before a colon, English none. */
    private String colon() {
        return french ? "\u00a0:" : ":";
    }

    String plain(String shopName, List<Reply> replies, String link, long linkHours) {
        StringBuilder text = new StringBuilder();
        text.append(intro(shopName)).append("\n\n");
        for (Reply reply : replies) {
            text.append(reply.name()).append(colon()).append('\n');
            for (String line : reply.text().split("\n", -1)) {
                text.append("  ").append(line).append('\n');
            }
            text.append('\n');
        }
        text.append(open()).append(colon()).append(' ').append(link).append("\n\n");
        text.append(expiry(linkHours)).append("\n\n-- \n").append(why(shopName)).append('\n');
        return text.toString();
    }

    String html(String shopName, List<Reply> replies, String link, long linkHours) {
        StringBuilder html = new StringBuilder(1024);
        html.append("<!DOCTYPE html><html lang=\"").append(french ? "fr" : "en").append("\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(escape(subject(shopName, replies.size()))).append("</title></head>")
                .append("<body style=\"font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1d211c;max-width:560px;margin:0 auto;padding:16px\">")
                .append("<p>").append(escape(intro(shopName))).append("</p>");
        for (Reply reply : replies) {
            html.append("<div style=\"margin:12px 0;padding:10px 14px;border:1px solid #e3e7df;border-radius:12px;background:#f7f8f5\">")
                    .append("<p style=\"margin:0 0 4px;font-weight:600;font-size:13px\">").append(escape(reply.name())).append("</p>")
                    .append("<p style=\"margin:0;white-space:pre-wrap\">").append(escape(reply.text())).append("</p></div>");
        }
        html.append("<p style=\"margin:20px 0\"><a href=\"").append(escape(link))
                .append("\" style=\"display:inline-block;padding:10px 18px;border-radius:20px;background:#4a6750;color:#fff;text-decoration:none\">")
                .append(escape(open())).append("</a></p>")
                .append("<p style=\"font-size:13px;color:#5b6358\">").append(escape(expiry(linkHours))).append("</p>")
                .append("<hr style=\"border:0;border-top:1px solid #e3e7df\"><p style=\"font-size:12px;color:#5b6358\">")
                .append(escape(why(shopName))).append("</p></body></html>");
        return html.toString();
    }

    /** HTML text and attribute escaping: the five characters that can change markup. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
