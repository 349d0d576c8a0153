package io.pledge.survey.page;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The survey page's words: English here, Simplified Chinese in messages/msg_zh_CN.properties. */
@MessageBundle(locale = "en")
public interface SurveyMessages {

    @Message("How did we do?")
    String title();

    @Message("{brand} would like to know how we handled your request. It takes a minute.")
    String intro(String brand);

    @Message("How satisfied are you with our service?")
    String csatLegend();

    @Message("Very dissatisfied")
    String csat1();

    @Message("Dissatisfied")
    String csat2();

    @Message("Neutral")
    String csat3();

    @Message("Satisfied")
    String csat4();

    @Message("Very satisfied")
    String csat5();

    @Message("How likely are you to recommend {brand} to a friend or colleague?")
    String npsLegend(String brand);

    @Message("0 = not at all likely, 10 = extremely likely")
    String npsHint();

    @Message("How easy was it to get your request handled?")
    String cesLegend();

    @Message("1 = very difficult, 7 = very easy")
    String cesHint();

    @Message("1 = very poor, 5 = excellent")
    String dimensionHint();

    @Message("The staff's attitude")
    String dimension_SERVICE_ATTITUDE();

    @Message("How quickly we responded")
    String dimension_RESPONSE_SPEED();

    @Message("How well the problem was solved")
    String dimension_RESOLUTION_EFFECTIVENESS();

    @Message("Our expertise")
    String dimension_PROFESSIONALISM();

    @Message("How clearly we communicated")
    String dimension_COMMUNICATION_CLARITY();

    @Message("Anything else you want to tell us? (optional)")
    String commentLabel();

    @Message("Send my answers")
    String submit();

    @Message("Please answer every question; the comment is optional.")
    String problem_incomplete();

    @Message("One of the answers is not on its scale; please choose again.")
    String problem_outOfRange();

    @Message("Your answers could not be sent. Please try again in a moment.")
    String problem_failed();

    @Message("Thank you, this survey was already answered.")
    String problem_answered();

    @Message("Sorry, this survey has expired.")
    String problem_expired();

    @Message("Don't want surveys from us?")
    String optOutQuestion();

    @Message("Send me no more surveys")
    String optOutButton();

    @Message("You will get no more surveys")
    String optedOutTitle();

    @Message("We have noted your wish: {brand} will send you no more satisfaction surveys.")
    String optedOutText(String brand);

    @Message("Thank you!")
    String thanksTitle();

    @Message("Your answers help {brand} serve you better.")
    String thanksText(String brand);

    @Message("Already answered")
    String answeredTitle();

    @Message("Thank you, you have already answered this survey. There is nothing more to do.")
    String answeredText();

    @Message("This survey has expired")
    String expiredTitle();

    @Message("Sorry, this survey can no longer be answered. Thank you for your time all the same.")
    String expiredText();

    @Message("Survey not found")
    String unknownTitle();

    @Message("We could not find a survey for this link. Please check that it was copied completely.")
    String unknownText();
}
