package io.pledge.intake.tracking;

import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.intake.promise.Promises;
import io.pledge.intake.ticket.Ticket;
import io.pledge.intake.ticket.TrackingTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** What a customer may see of their ticket behind a tracking link: status, next promise, last public update. */
@ApplicationScoped
public class TicketProgress {

    /** The ticket's progress; {@code promise} and {@code lastPublicUpdate} may be null. */
    public record Progress(TicketStatus status, Promises.Promise promise, LastUpdate lastPublicUpdate) {
    }

    public record LastUpdate(Instant at, String message) {
    }

    /** Longer than any token issued (43 characters): not worth a look-up. */
    private static final int LONGEST_TOKEN = 64;

    @Inject
    TrackingTokens tokens;

    @Inject
    Promises promises;

    @Inject
    Clock clock;

    /** The progress behind a token, unless the token is unknown or expired. */
    @Transactional
    public Optional<Progress> of(String token) {
        if (token.length() > LONGEST_TOKEN) {
            return Optional.empty();
        }
        return tokens.find(token, clock.instant()).map(this::progress);
    }

    private Progress progress(Ticket ticket) {
        LastUpdate last = ticket.lastPublicUpdateAt == null ? null
                : new LastUpdate(ticket.lastPublicUpdateAt, ticket.lastPublicUpdateText);
        return new Progress(ticket.status, promises.next(ticket.id).orElse(null), last);
    }
}
