package io.pledge.complaint.signal;

import io.pledge.complaint.complaint.Complaint;
import io.pledge.complaint.complaint.ComplaintState;
import io.pledge.complaint.complaint.ComplaintWork;
import io.pledge.complaint.complaint.Complaints;
import io.pledge.complaint.complaint.Escalations;
import io.pledge.contracts.EventType;
import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.survey.SurveyCompleted;
import io.pledge.contracts.ticket.Category;
import io.pledge.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.UUID;

/**
 * What other services tell about a complaint: an SLA clock of its ticket breached (escalate one
 * level), the breach was retracted (withdraw that escalation where it can, {@link Escalations#withdraw}),
 * or a customer answered a survey unsatisfied (escalate one level, and reopen it if it was in
 * follow-up or closed). An event about a complaint ticket whose complaint is not registered yet
 * waits in {@link PendingEvents}; one about any other ticket concerns no complaint.
 */
@ApplicationScoped
public class ComplaintSignals {

    @Inject
    Complaints complaints;

    @Inject
    ComplaintWork work;

    @Inject
    Escalations escalations;

    @Inject
    PendingEvents pending;

    /**
     * A complaint was just registered: the events that waited for it apply now, in its
     * transaction and under its ticket's lock (fired by {@code Complaints.register}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void applyWaiting(@Observes Complaints.Registered registered) {
        pending.drain(registered.complaint().ticketId, this::apply);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(InboundEvent event) {
        switch (event.type()) {
            case SLA_BREACHED -> {
                SlaBreached breached = event.dataAs(SlaBreached.class);
                UUID ticketId = breached.clock().ticketId();
                complaintOf(event, ticketId, breached.clock().category()).ifPresent(complaint -> {
                    if (complaint.state != ComplaintState.CLOSED) {
                        escalations.escalate(complaint, "SLA_BREACHED:" + breached.clock().clockId(),
                                Escalations.Reason.SLA_BREACHED, escalations.oneUp(complaint), event.time(), null, null);
                    }
                });
            }
            case SLA_BREACH_RETRACTED -> {
                SlaBreachRetracted retracted = event.dataAs(SlaBreachRetracted.class);
                String cause = "SLA_BREACHED:" + retracted.clock().clockId();
                if (concernsNoComplaint(retracted.clock().ticketId(), retracted.clock().category())) {
                    return; // nothing escalated and nothing parked: only a COMPLAINT's breach waits
                }
                complaints.lockTicket(retracted.clock().ticketId());
                Optional<Complaint> complaint = complaints.forTicket(retracted.clock().ticketId());
                if (complaint.isPresent()) {
                    escalations.withdraw(complaint.get(), cause, event.time());
                } else {
                    // the breach it retracts is still waiting for the complaint: it never escalates
                    pending.forget(retracted.clock().ticketId(), EventType.SLA_BREACHED,
                            breached -> breached.path("clock").path("clockId").asText().equals(retracted.clock().clockId().toString()));
                }
            }
            case SURVEY_COMPLETED -> {
                SurveyCompleted survey = event.dataAs(SurveyCompleted.class);
                if (survey.unsatisfied()) {
                    complaintOf(event, survey.ticket().ticketId(), survey.ticket().category())
                            .ifPresent(complaint -> work.unsatisfiedSurvey(complaint, survey.surveyId(), event.time()));
                }
            }
            default -> {
                // other SLA and survey events concern no complaint
            }
        }
    }

    /** The ticket's complaint; when a complaint ticket has none yet, the event waits for it. */
    private Optional<Complaint> complaintOf(InboundEvent event, UUID ticketId, Category category) {
        if (concernsNoComplaint(ticketId, category)) {
            return Optional.empty();
        }
        complaints.lockTicket(ticketId);
        Optional<Complaint> complaint = complaints.forTicket(ticketId);
        if (complaint.isEmpty() && category == Category.COMPLAINT) {
            pending.park(event, ticketId);
        }
        return complaint;
    }

    /**
     * True for the event of a ticket that is not a COMPLAINT and has no complaint committed: nine in
     * ten of all SLA and survey events. They take no ticket lock, which every one of them took
     * before and which made the consumers of tickets, SLA and survey events wait for each other's
     * whole polls (issue #17). Nothing is lost by it: such an event is never parked, so a
     * complaint being registered meanwhile (by REST, for an inquiry) has nothing to drain, and the
     * outcome is that of the event applied first, before the complaint existed.
     */
    private boolean concernsNoComplaint(UUID ticketId, Category category) {
        return category != Category.COMPLAINT && complaints.forTicket(ticketId).isEmpty();
    }
}
