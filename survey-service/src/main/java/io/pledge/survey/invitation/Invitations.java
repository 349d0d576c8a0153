package io.pledge.survey.invitation;

import io.pledge.contracts.EventType;
import io.pledge.contracts.survey.SurveyExpired;
import io.pledge.contracts.survey.SurveyLinkIssued;
import io.pledge.contracts.survey.SurveyReminded;
import io.pledge.contracts.survey.SurveySent;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.platform.outbox.Outbox;
import io.pledge.survey.customer.SurveyCustomer;
import io.pledge.survey.customer.SurveyCustomers;
import io.pledge.survey.template.Templates;
import io.pledge.survey.template.Trigger;
import io.pledge.survey.ticket.SurveyTicket;
import io.pledge.survey.ticket.SurveyTickets;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations: scheduled when a ticket is resolved or a complaint closed (at most one per ticket),
 * cancelled when the ticket is reopened first, and — by {@link #runDue()} — sent (unless the
 * customer opted out or was invited within the window), reminded once and expired.
 */
@ApplicationScoped
public class Invitations {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Inject
    SurveySettings settings;

    @Inject
    Templates templates;

    @Inject
    SurveyTickets tickets;

    @Inject
    SurveyCustomers customers;

    /**
     * Plans the ticket's survey, {@code invitation-delay} after {@code resolvedAt}. A ticket that has
     * one keeps it (a cancelled one is planned again); a COMPLAINT ticket's resolution waits for its
     * complaint's closure; spam and duplicates get none.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(SurveyTicket ticket, Trigger trigger, UUID complaintId, Instant resolvedAt,
                         String resolutionCode) {
        if (trigger == Trigger.TICKET_RESOLVED && ticket.category == Category.COMPLAINT) {
            return;
        }
        Optional<Survey> existing = forTicket(ticket.ticketId);
        if (existing.isPresent() && existing.get().state != SurveyState.CANCELLED) {
            return;
        }
        Survey survey = existing.orElseGet(Survey::new);
        if (existing.isEmpty()) {
            survey.id = UUID.randomUUID();
            survey.ticketId = ticket.ticketId;
        }
        survey.trigger = trigger;
        survey.complaintId = complaintId;
        survey.customerId = ticket.customerId;
        survey.resolvedAt = resolvedAt;
        survey.sendAt = resolvedAt.plus(settings.invitationDelay());
        survey.state = SurveyState.SCHEDULED;
        survey.skipReason = null;
        Optional<Templates.TemplateView> template = templates.choose(trigger, ticket.channel, ticket.category);
        survey.templateId = template.map(Templates.TemplateView::id).orElse("none");
        survey.questions = template.map(t -> write(t.definition().questions())).orElse("{}");
        if (resolutionCode != null && settings.noSurveyResolutionCodes().contains(resolutionCode)) {
            skip(survey, "RESOLVED_AS_" + resolutionCode);
        } else if (template.isEmpty()) {
            skip(survey, "NO_TEMPLATE");
        }
        if (existing.isEmpty()) {
            em.persist(survey);
        }
    }

    /** The ticket was reopened before its invitation went out: no invitation (until it is resolved again). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(UUID ticketId, Instant reopenedAt) {
        forTicket(ticketId).filter(s -> s.state == SurveyState.SCHEDULED && !reopenedAt.isBefore(s.resolvedAt))
                .ifPresent(s -> {
                    s.state = SurveyState.CANCELLED;
                    s.skipReason = "TICKET_REOPENED";
                });
    }

    public Optional<Survey> forTicket(UUID ticketId) {
        return em.createQuery("from Survey s where s.ticketId = :ticket", Survey.class)
                .setParameter("ticket", ticketId).getResultStream().findFirst();
    }

    /**
     * Sends, reminds and expires what fell due, at most {@code scan-batch} surveys in one
     * transaction. Rows are taken with SKIP LOCKED, so several replicas share the work and none
     * announces a survey twice.
     *
     * @return how many surveys it handled (a full batch: call again)
     */
    @Transactional
    public int runDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Survey> due = em.createNativeQuery("""
                        select * from survey
                        where (state = 'SCHEDULED' and send_at <= ?1)
                           or (state = 'SENT' and (expires_at <= ?1 or (reminded_at is null and remind_at <= ?1)))
                        order by send_at
                        limit ?2
                        for update skip locked""", Survey.class)
                .setParameter(1, now)
                .setParameter(2, settings.scanBatch())
                .getResultList();
        for (Survey survey : due) {
            if (survey.state == SurveyState.SCHEDULED) {
                send(survey, now);
            } else if (!survey.expiresAt.isAfter(now)) {
                expire(survey);
            } else {
                remind(survey, now);
            }
        }
        return due.size();
    }

    private void send(Survey survey, Instant now) {
        SurveyCustomer customer = customers.lockForInvitation(survey.customerId, now);
        if (customer.optedOut) {
            skip(survey, "OPTED_OUT");
            return;
        }
        if (customer.lastInvitedAt != null && customer.lastInvitedAt.plus(settings.customerWindow()).isAfter(now)) {
            skip(survey, "INVITED_RECENTLY");
            return;
        }
        String token = SurveyTokens.newToken();
        survey.tokenHash = SurveyTokens.hash(token);
        survey.state = SurveyState.SENT;
        survey.sentAt = now;
        survey.expiresAt = now.plus(settings.expiresAfter());
        survey.remindAt = now.plus(settings.reminderAfter());
        customer.lastInvitedAt = now;
        TicketFacts facts = facts(survey);
        UUID announced = outbox.record(new SurveySent(survey.id, facts, survey.trigger.name(), survey.complaintId,
                survey.templateId, null, now, survey.expiresAt), now);
        issueLink(survey, facts, EventType.SURVEY_SENT, announced, token, now);
    }

    private void remind(Survey survey, Instant now) {
        String token = SurveyTokens.newToken();
        survey.reminderHash = SurveyTokens.hash(token);
        survey.remindedAt = now;
        TicketFacts facts = facts(survey);
        UUID announced = outbox.record(new SurveyReminded(survey.id, facts, null, now, survey.expiresAt), now);
        issueLink(survey, facts, EventType.SURVEY_REMINDED, announced, token, now);
    }

    /**
     * The link of an announcement, on the topic only its deliverer reads: the token answers the
     * survey, so it stays off the widely read pledge.surveys. Same transaction as the announcement.
     */
    private void issueLink(Survey survey, TicketFacts facts, EventType announcedType, UUID announcedEventId,
                           String token, Instant now) {
        outbox.record(new SurveyLinkIssued(survey.id, facts, announcedType.type(), announcedEventId, link(token),
                survey.expiresAt), now);
    }

    private void expire(Survey survey) {
        survey.state = SurveyState.EXPIRED;
        outbox.record(new SurveyExpired(survey.id, facts(survey), survey.trigger.name(), survey.sentAt,
                survey.expiresAt), survey.expiresAt);
    }

    private static void skip(Survey survey, String reason) {
        survey.state = SurveyState.SKIPPED;
        survey.skipReason = reason;
    }

    /** The ticket as survey-service knows it now. */
    public TicketFacts facts(Survey survey) {
        return tickets.find(survey.ticketId).map(SurveyTicket::facts)
                .orElseThrow(() -> new IllegalStateException("survey " + survey.id + " without its ticket"));
    }

    private URI link(String token) {
        String base = settings.publicBaseUrl().toString();
        return URI.create(base.endsWith("/") ? base + token : base + "/" + token);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
