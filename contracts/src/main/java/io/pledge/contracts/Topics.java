package io.pledge.contracts;

/** The Kafka topics of blueprint §2. Every event about a ticket is keyed by the ticket id. */
public final class Topics {
    public static final String TICKETS = "pledge.tickets";
    public static final String SLA = "pledge.sla";
    public static final String COMPLAINTS = "pledge.complaints";
    public static final String SURVEYS = "pledge.surveys";
    /**
     * The survey links with their tokens (credentials), apart from the widely read
     * {@link #SURVEYS}: only survey-service writes it and only notify-service reads it.
     */
    public static final String SURVEY_LINKS = "pledge.surveys.links";
    public static final String KPI_SNAPSHOTS = "pledge.kpi.snapshots";
    /** notify-service's own events (alerts sent, webhook endpoints disabled). */
    public static final String NOTIFICATIONS = "pledge.notifications";

    /** Where a consumer puts a record it could not apply, with the reason in headers. */
    public static String deadLetterOf(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
