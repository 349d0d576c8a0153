package io.pledge.survey.ticket;

import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.platform.security.Scope;
import io.pledge.platform.security.ScopeCondition;
import io.pledge.platform.tickets.TicketCopy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Keeps the local copy of tickets. */
@ApplicationScoped
public class SurveyTickets {

    @Inject
    EntityManager em;

    /**
     * Keeps the facts an event told about its ticket (see {@link SurveyTicket#learn}). A ticket first
     * seen through a later event (its ticket.opened was before this service's time) counts as
     * opened then. {@code sourceSystem} is told by {@code ticket.opened} only (null for the other
     * events); it decides which integration client reaches the ticket's survey.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SurveyTicket remember(TicketFacts facts, Instant at, String sourceSystem) {
        return remember(load(List.of(facts.ticketId())), facts, at, sourceSystem);
    }

    /** The copies of these tickets that exist, by id, in one query ({@link TicketCopy#load}). */
    public Map<UUID, SurveyTicket> load(Collection<UUID> ticketIds) {
        return TicketCopy.load(em, SurveyTicket.class, ticketIds);
    }

    /** {@link #remember(TicketFacts, Instant, String)} with the ticket's copy looked up in {@code known}, which a new one joins. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SurveyTicket remember(Map<UUID, SurveyTicket> known, TicketFacts facts, Instant at, String sourceSystem) {
        SurveyTicket ticket = known.get(facts.ticketId());
        if (ticket == null) {
            ticket = new SurveyTicket();
            ticket.openedAt = at;
            ticket.learn(facts, at);
            em.persist(ticket);
            known.put(facts.ticketId(), ticket);
        } else {
            ticket.learn(facts, at);
        }
        ticket.nameSource(sourceSystem);
        return ticket;
    }

    /**
     * Whether the caller reaches some ticket of this customer (blueprint §6: a customer is reached
     * through their tickets), by the same rule as {@link Scope#reaches}, in SQL.
     */
    public boolean reachesCustomer(Scope scope, String customerId) {
        if (scope.seesEverything()) {
            return true;
        }
        Map<String, Object> parameters = new HashMap<>();
        var query = em.createQuery("select count(t) from SurveyTicket t where t.customerId = :customer and "
                + ScopeCondition.of(scope, "t", parameters), Long.class).setParameter("customer", customerId);
        parameters.forEach(query::setParameter);
        return query.getSingleResult() > 0;
    }

    public Optional<SurveyTicket> find(UUID ticketId) {
        return Optional.ofNullable(em.find(SurveyTicket.class, ticketId));
    }
}
