package io.pledge.survey.template;

/** What a survey asks about. */
public enum Trigger {
    /** a ticket was resolved (tickets of category COMPLAINT wait for their complaint's closure) */
    TICKET_RESOLVED,
    /** a complaint was closed */
    COMPLAINT_CLOSED
}
