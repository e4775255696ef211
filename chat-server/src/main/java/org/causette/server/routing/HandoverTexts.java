package org.causette.server.routing;

import org.causette.bot.QuickReply;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** What the shopper is told at each step of a hand-over, in their language (French or English). */
public final class HandoverTexts {
    /** The payload of the quick reply that opens the widget's email form. */
    public static final String LEAVE_EMAIL = "LEAVE_EMAIL";

    private final boolean french;

    private HandoverTexts(String language) {
        this.french = "fr".equals(language);
    }

    /** The bot answers routine questions while the shopper waits (BotTurns), and says so once, here. */
    private static final String MEANWHILE_FR = " En attendant, je reste là pour vos autres questions.";
    private static final String MEANWHILE_EN = " Meanwhile, I'm still here for your other questions.";

    public static HandoverTexts in(String language) {
        return new HandoverTexts(language);
    }

    public String queued(int position, int waitMinutes) {
        if (french) {
            return position <= 1
                    ? "Je vous mets en relation avec une personne de l'équipe. Vous êtes le prochain, environ " + minutesFr(waitMinutes) + " d'attente." + MEANWHILE_FR
                    : "Je vous mets en relation avec une personne de l'équipe. " + (position - 1) + " personne" + (position > 2 ? "s" : "")
                    + " avant vous, environ " + minutesFr(waitMinutes) + " d'attente." + MEANWHILE_FR;
        }
        return position <= 1
                ? "I'm connecting you with someone from the team. You're next, about " + minutesEn(waitMinutes) + " to wait." + MEANWHILE_EN
                : "I'm connecting you with someone from the team. " + (position - 1) + (position > 2 ? " people" : " person")
                + " ahead of you, about " + minutesEn(waitMinutes) + " to wait." + MEANWHILE_EN;
    }

    public String nobodyAvailable() {
        return french
                ? "Personne de l'équipe n'est en ligne pour le moment. Votre demande est gardée : la première personne de retour vous répondra ici. Laissez votre e-mail pour recevoir la réponse." + MEANWHILE_FR
                : "Nobody from the team is online right now. Your request is kept: the first person back will answer here. Leave your email to get the answer." + MEANWHILE_EN;
    }

    /** After the person who was to answer let it pass, and nobody else is online. */
    public String nobodyElse() {
        return french
                ? "La personne qui devait vous répondre n'est plus disponible, et personne d'autre n'est en ligne pour le moment. Votre demande est gardée : laissez votre e-mail pour recevoir la réponse."
                : "The person who was to answer you is no longer available, and nobody else is online right now. Your request is kept: leave your email to get the answer.";
    }

    /** Put before the hand-over's one message when the shopper complains. */
    public String sorry() {
        return french ? "Je suis sincèrement désolé pour ce désagrément. " : "I'm really sorry about this. ";
    }

    public String outOfHours(ZonedDateTime nextOpening) {
        if (nextOpening == null) {
            return nobodyAvailable();
        }
        if (french) {
            String day = nextOpening.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.FRENCH);
            return "Notre équipe est absente pour le moment ; elle sera de retour " + day + " à "
                    + nextOpening.format(DateTimeFormatter.ofPattern("HH'h'mm", Locale.FRENCH))
                    + ". Laissez votre e-mail et nous vous répondrons dès son retour, ou posez-moi d'autres questions en attendant.";
        }
        String day = nextOpening.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return "Our team is away right now and will be back on " + day + " at "
                + nextOpening.format(DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH))
                + ". Leave your email and we'll answer as soon as they're back, or keep asking me in the meantime.";
    }

    /** The quick reply that opens the widget's email form. */
    public QuickReply leaveEmail() {
        return new QuickReply(french ? "Laisser mon e-mail" : "Leave my email", LEAVE_EMAIL);
    }

    public String agentJoined(String name) {
        return french ? name + ", de l'équipe, a rejoint la conversation." : name + " from the team has joined the conversation.";
    }

    public String ambassadorJoined(String name) {
        return french
                ? name + ", un client expert de notre communauté, a rejoint la conversation pour vous aider."
                : name + ", an expert customer from our community, has joined the conversation to help you.";
    }

    public String lookingForSomeoneElse() {
        return french ? "Je cherche quelqu'un d'autre pour vous répondre, merci de votre patience."
                : "I'm finding someone else to answer you, thank you for your patience.";
    }

    public String transferred() {
        return french ? "Je vous transfère à une personne plus à même de vous aider." : "I'm passing you to someone better placed to help.";
    }

    public String backToBot(String botName) {
        return french ? botName + " reprend la conversation. N'hésitez pas si vous avez d'autres questions !"
                : botName + " is back with you. Just ask if you have any other questions!";
    }

    public String closed() {
        return french ? "La conversation est terminée. Comment l'avez-vous trouvée ? Votre note nous aide à progresser."
                : "This conversation has ended. How was it? Your rating helps us improve.";
    }

    public String leadThanks(String email) {
        return french ? "Merci ! Nous vous écrirons à " + email + " dès que possible."
                : "Thank you! We'll write to you at " + email + " as soon as we can.";
    }

    private static String minutesFr(int minutes) {
        return minutes <= 1 ? "1 minute" : minutes + " minutes";
    }

    private static String minutesEn(int minutes) {
        return minutes <= 1 ? "a minute" : minutes + " minutes";
    }
}
