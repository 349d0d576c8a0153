package io.pledge.notify.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pledge.notify.journal.ReceivedEvent;
import io.pledge.notify.recipient.Directory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns received events into alerts for the people the rules name, inside the poll's transaction:
 * each alert is a row, made once per rule, recipient, cause event, kind and channel (a redelivered
 * or replayed event finds its rows there and adds none); {@link AlertSender} sends them. A
 * retracted breach corrects what its breach alerted: a correction to whoever was told, and the
 * breach's alerts that have not gone out yet (quiet hours, a digest, a retry) never go out.
 */
@ApplicationScoped
public class Alerts {

    static final String RETRACTED = "sla.breach-retracted";

    @Inject
    EntityManager em;

    @Inject
    AlertRules rules;

    @Inject
    Directory directory;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** Inside the poll's transaction: records the alerts these events call for. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void consider(List<ReceivedEvent> received) {
        // first what the whole poll says of its tickets: a breach polled with its ticket's opening
        // finds the ticket's department
        received.forEach(this::learn);
        Map<String, List<Rule>> rulesByType = new HashMap<>();
        for (ReceivedEvent event : received) {
            if (event.type().equals(RETRACTED)) {
                correct(Cause.of(event, Cause.KnownTicket.NONE));
                continue;
            }
            if (!RuleDefinition.ROLES_BY_TYPE.containsKey(event.type())) {
                continue; // most events (ticket facts, alert.sent) alert nobody: no rule is looked up
            }
            List<Rule> matching = rulesByType.computeIfAbsent(event.type(), rules::enabledFor);
            if (matching.isEmpty()) {
                continue;
            }
            Cause cause = Cause.of(event, known(event));
            for (AlertMatcher.Intent intent : AlertMatcher.match(cause, matching, directory)) {
                insert(intent.ruleId(), intent.recipient().id(), intent.channel(), AlertKind.ALERT, cause, null);
            }
        }
    }

    /** The ticket facts an event carries (team, department, agent), kept when newer than what is known. */
    private void learn(ReceivedEvent event) {
        if (event.team() == null && event.department() == null && event.agent() == null) {
            return;
        }
        String ticketId = Cause.text(event.data().path("ticket"), "ticketId");
        if (ticketId == null) {
            return;
        }
        em.createNativeQuery("""
                        insert into alert_ticket (ticket_id, team, department, agent, occurred_at) values (?1, ?2, ?3, ?4, ?5)
                        on conflict (ticket_id) do update set team = coalesce(excluded.team, alert_ticket.team),
                            department = coalesce(excluded.department, alert_ticket.department),
                            agent = coalesce(excluded.agent, alert_ticket.agent), occurred_at = excluded.occurred_at
                        where excluded.occurred_at >= alert_ticket.occurred_at""")
                .setParameter(1, ticketId).setParameter(2, event.team()).setParameter(3, event.department())
                .setParameter(4, event.agent()).setParameter(5, event.occurredAt())
                .executeUpdate();
    }

    private Cause.KnownTicket known(ReceivedEvent event) {
        String ticketId = Cause.text(event.data().path(event.type().startsWith("sla.") ? "clock" : "ticket"), "ticketId");
        if (ticketId == null) {
            return Cause.KnownTicket.NONE;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select team, department, agent from alert_ticket where ticket_id = ?1")
                .setParameter(1, ticketId).getResultList();
        return rows.isEmpty() ? Cause.KnownTicket.NONE
                : new Cause.KnownTicket((String) rows.get(0)[0], (String) rows.get(0)[1], (String) rows.get(0)[2]);
    }

    /**
     * The breach alerts of the retracted clock: those not sent yet are cancelled; each one sent (on
     * its own or in a digest) gets a correction, to the same person by the same channel, once.
     */
    private void correct(Cause retraction) {
        if (retraction.clockId() == null) {
            return;
        }
        // cancelled first: an alert being sent right now is waited for, and then corrected below
        @SuppressWarnings("unchecked")
        List<Object> emptied = em.createNativeQuery("""
                        update alert set state = 'CANCELLED', next_attempt_at = null,
                            last_error = 'the breach was retracted before this alert went out'
                        where clock_id = ?1 and cause_type = 'sla.breached' and kind = 'ALERT'
                          and state in ('PENDING', 'DIGESTED')
                        returning digest_id""")
                .setParameter(1, retraction.clockId()).getResultList();
        for (Object digest : emptied) {
            if (digest != null) {
                em.createNativeQuery("""
                                update alert_digest d set state = 'CANCELLED', next_attempt_at = null
                                where d.id = ?1 and d.state = 'PENDING'
                                  and not exists (select 1 from alert a where a.digest_id = d.id and a.state = 'DIGESTED')""")
                        .setParameter(1, digest).executeUpdate();
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> told = em.createNativeQuery("""
                        select a.id, a.rule_id, a.recipient_id, a.channel, a.team, a.department from alert a
                        where a.clock_id = ?1 and a.cause_type = 'sla.breached' and a.kind = 'ALERT' and a.state = 'SENT'
                          and not exists (select 1 from alert c where c.corrects = a.id)""")
                .setParameter(1, retraction.clockId()).getResultList();
        for (Object[] r : told) {
            Cause withPlace = new Cause(retraction.eventId(), retraction.type(), retraction.clockId(), null,
                    (String) r[4], (String) r[5], null, retraction.facts());
            insert((String) r[1], (String) r[2], AlertChannel.valueOf((String) r[3]), AlertKind.CORRECTION, withPlace,
                    (UUID) r[0]);
        }
    }

    private void insert(String ruleId, String recipientId, AlertChannel channel, AlertKind kind, Cause cause, UUID corrects) {
        Instant now = clock.instant();
        em.createNativeQuery("""
                        insert into alert (id, rule_id, recipient_id, channel, kind, cause_event_id, cause_type, ticket_id,
                            clock_id, corrects, team, department, facts, state, attempts, next_attempt_at, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, cast(?10 as uuid), ?11, ?12, ?13, 'PENDING', 0, ?14, ?14)
                        on conflict do nothing""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, ruleId).setParameter(3, recipientId)
                .setParameter(4, channel.name()).setParameter(5, kind.name()).setParameter(6, cause.eventId())
                .setParameter(7, cause.type()).setParameter(8, cause.ticketId()).setParameter(9, cause.clockId())
                .setParameter(10, corrects == null ? null : corrects.toString()).setParameter(11, cause.team()).setParameter(12, cause.department())
                .setParameter(13, facts(cause.facts())).setParameter(14, now)
                .executeUpdate();
    }

    private String facts(AlertFacts facts) {
        try {
            return json.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
