package io.pledge.contracts;

import io.pledge.contracts.call.CallAbandoned;
import io.pledge.contracts.call.CallAnswered;
import io.pledge.contracts.complaint.ComplaintAcknowledged;
import io.pledge.contracts.complaint.ComplaintClosed;
import io.pledge.contracts.complaint.ComplaintContacted;
import io.pledge.contracts.complaint.ComplaintEscalated;
import io.pledge.contracts.complaint.ComplaintEscalationWithdrawn;
import io.pledge.contracts.complaint.ComplaintFollowUpCompleted;
import io.pledge.contracts.complaint.ComplaintInvestigationStarted;
import io.pledge.contracts.complaint.ComplaintRegistered;
import io.pledge.contracts.complaint.ComplaintResolutionProposed;
import io.pledge.contracts.complaint.ComplaintResolutionRejected;
import io.pledge.contracts.complaint.ComplaintResolved;
import io.pledge.contracts.kpi.KpiSnapshot;
import io.pledge.contracts.notification.AlertSent;
import io.pledge.contracts.notification.WebhookEndpointDisabled;
import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaClockCancelled;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaClockStopped;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.sla.SlaWarning;
import io.pledge.contracts.sla.SlaWarningRetracted;
import io.pledge.contracts.survey.SurveyCompleted;
import io.pledge.contracts.survey.SurveyExpired;
import io.pledge.contracts.survey.SurveyLinkIssued;
import io.pledge.contracts.survey.SurveyReminded;
import io.pledge.contracts.survey.SurveySent;
import io.pledge.contracts.ticket.AgentReplied;
import io.pledge.contracts.ticket.CustomerReplied;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.OnSiteCompleted;
import io.pledge.contracts.ticket.OnSiteDispatched;
import io.pledge.contracts.ticket.OnSiteRequested;
import io.pledge.contracts.ticket.TicketAssigned;
import io.pledge.contracts.ticket.TicketClosed;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketReclassified;
import io.pledge.contracts.ticket.TicketReopened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatusChanged;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of event types: the CloudEvents {@code type}, the topic it travels on, its Java
 * record and its JSON Schema. A type not listed here is unknown, and a consumer sends it to the
 * dead-letter topic.
 *
 * <p>Changing an event is additive only (new optional fields); anything else is a new type.
 */
public enum EventType {
    TICKET_OPENED("ticket.opened", Topics.TICKETS, TicketOpened.class),
    TICKET_ASSIGNED("ticket.assigned", Topics.TICKETS, TicketAssigned.class),
    TICKET_RECLASSIFIED("ticket.reclassified", Topics.TICKETS, TicketReclassified.class),
    TICKET_FIRST_RESPONSE("ticket.first-response", Topics.TICKETS, FirstResponse.class),
    TICKET_AGENT_REPLIED("ticket.agent-replied", Topics.TICKETS, AgentReplied.class),
    TICKET_CUSTOMER_REPLIED("ticket.customer-replied", Topics.TICKETS, CustomerReplied.class),
    TICKET_STATUS_CHANGED("ticket.status-changed", Topics.TICKETS, TicketStatusChanged.class),
    TICKET_RESOLVED("ticket.resolved", Topics.TICKETS, TicketResolved.class),
    TICKET_REOPENED("ticket.reopened", Topics.TICKETS, TicketReopened.class),
    TICKET_CLOSED("ticket.closed", Topics.TICKETS, TicketClosed.class),
    TICKET_ON_SITE_REQUESTED("ticket.on-site-requested", Topics.TICKETS, OnSiteRequested.class),
    TICKET_ON_SITE_DISPATCHED("ticket.on-site-dispatched", Topics.TICKETS, OnSiteDispatched.class),
    TICKET_ON_SITE_COMPLETED("ticket.on-site-completed", Topics.TICKETS, OnSiteCompleted.class),
    CALL_ANSWERED("call.answered", Topics.TICKETS, CallAnswered.class),
    CALL_ABANDONED("call.abandoned", Topics.TICKETS, CallAbandoned.class),
    SLA_CLOCK_STARTED("sla.clock-started", Topics.SLA, SlaClockStarted.class),
    SLA_WARNING("sla.warning", Topics.SLA, SlaWarning.class),
    SLA_WARNING_RETRACTED("sla.warning-retracted", Topics.SLA, SlaWarningRetracted.class),
    SLA_BREACHED("sla.breached", Topics.SLA, SlaBreached.class),
    SLA_MET("sla.met", Topics.SLA, SlaMet.class),
    SLA_CLOCK_STOPPED("sla.clock-stopped", Topics.SLA, SlaClockStopped.class),
    SLA_BREACH_RETRACTED("sla.breach-retracted", Topics.SLA, SlaBreachRetracted.class),
    SLA_CLOCK_CANCELLED("sla.clock-cancelled", Topics.SLA, SlaClockCancelled.class),
    COMPLAINT_REGISTERED("complaint.registered", Topics.COMPLAINTS, ComplaintRegistered.class),
    COMPLAINT_ACKNOWLEDGED("complaint.acknowledged", Topics.COMPLAINTS, ComplaintAcknowledged.class),
    COMPLAINT_INVESTIGATION_STARTED("complaint.investigation-started", Topics.COMPLAINTS, ComplaintInvestigationStarted.class),
    COMPLAINT_ESCALATED("complaint.escalated", Topics.COMPLAINTS, ComplaintEscalated.class),
    COMPLAINT_ESCALATION_WITHDRAWN("complaint.escalation-withdrawn", Topics.COMPLAINTS, ComplaintEscalationWithdrawn.class),
    COMPLAINT_CONTACTED("complaint.contacted", Topics.COMPLAINTS, ComplaintContacted.class),
    COMPLAINT_RESOLUTION_PROPOSED("complaint.resolution-proposed", Topics.COMPLAINTS, ComplaintResolutionProposed.class),
    COMPLAINT_RESOLUTION_REJECTED("complaint.resolution-rejected", Topics.COMPLAINTS, ComplaintResolutionRejected.class),
    COMPLAINT_RESOLVED("complaint.resolved", Topics.COMPLAINTS, ComplaintResolved.class),
    COMPLAINT_FOLLOW_UP_COMPLETED("complaint.follow-up-completed", Topics.COMPLAINTS, ComplaintFollowUpCompleted.class),
    COMPLAINT_CLOSED("complaint.closed", Topics.COMPLAINTS, ComplaintClosed.class),
    SURVEY_SENT("survey.sent", Topics.SURVEYS, SurveySent.class),
    SURVEY_REMINDED("survey.reminded", Topics.SURVEYS, SurveyReminded.class),
    SURVEY_COMPLETED("survey.completed", Topics.SURVEYS, SurveyCompleted.class),
    SURVEY_EXPIRED("survey.expired", Topics.SURVEYS, SurveyExpired.class),
    SURVEY_LINK_ISSUED("survey.link-issued", Topics.SURVEY_LINKS, SurveyLinkIssued.class),
    KPI_SNAPSHOT("kpi.snapshot", Topics.KPI_SNAPSHOTS, KpiSnapshot.class),
    ALERT_SENT("alert.sent", Topics.NOTIFICATIONS, AlertSent.class),
    WEBHOOK_ENDPOINT_DISABLED("webhook.endpoint-disabled", Topics.NOTIFICATIONS, WebhookEndpointDisabled.class);

    private final String type;
    private final String topic;
    private final Class<? extends PledgeEvent> dataClass;

    EventType(String type, String topic, Class<? extends PledgeEvent> dataClass) {
        this.type = type;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    /** The CloudEvents {@code ce_type}. */
    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends PledgeEvent> dataClass() {
        return dataClass;
    }

    /** The CloudEvents {@code ce_dataschema}: names the JSON Schema of the data. */
    public URI dataSchema() {
        return URI.create("urn:pledge:schema:" + type);
    }

    /** Classpath location of the JSON Schema (draft 2020-12) of the data. */
    public String schemaResource() {
        return "pledge/schemas/" + type + ".json";
    }

    public static Optional<EventType> fromType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.type.equals(ceType)).findFirst();
    }

    public static EventType of(PledgeEvent event) {
        return Arrays.stream(values())
                .filter(t -> t.dataClass == event.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        event.getClass().getName() + " is not listed in EventType"));
    }
}
