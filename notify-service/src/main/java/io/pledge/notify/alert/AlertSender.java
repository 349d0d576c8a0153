package io.pledge.notify.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pledge.contracts.notification.AlertSent;
import io.pledge.notify.NotifyConfig;
import io.pledge.notify.recipient.Directory;
import io.pledge.notify.recipient.Staff;
import io.pledge.platform.outbox.Outbox;
import io.pledge.platform.time.JdbcInstants;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Sends the alerts that are due, from the database: each in a transaction of its own that claims
 * it ({@code for update skip locked}, so replicas share the work and none sends an alert another
 * is sending), sends it, and marks it sent together with its {@code alert.sent} (outbox). A
 * person's mails a minute are counted under a lock of their own (an advisory lock per recipient
 * and channel), so two replicas cannot both send the last one. Delivery is at least once: a
 * replica dying between the send and the commit sends that alert again.
 */
@ApplicationScoped
public class AlertSender {

    private static final Logger LOG = Logger.getLogger(AlertSender.class);

    @Inject
    EntityManager em;

    @Inject
    Directory directory;

    @Inject
    MailChannel mail;

    @Inject
    ChatChannel chat;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private final Pacing pacing;
    private final MessageRenderer renderer;
    private final int batchSize;

    @Inject
    public AlertSender(NotifyConfig config) {
        NotifyConfig.Alerts alerts = config.alerts();
        this.pacing = new Pacing(alerts.maxMailsPerMinute(), alerts.firstRetryWait(), alerts.longestRetryWait(),
                alerts.giveUpAfter());
        this.renderer = new MessageRenderer(alerts.ticketLinkTemplate());
        this.batchSize = alerts.batchSize();
    }

    @Scheduled(every = "${notify.alerts.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        try {
            for (int i = 0; i < batchSize && QuarkusTransaction.requiringNew().call(this::sendOneAlert); i++) {
                // one alert per transaction: a slow relay holds one row, not a batch
            }
            for (int i = 0; i < batchSize && QuarkusTransaction.requiringNew().call(this::sendOneDigest); i++) {
                // likewise one digest per transaction
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "alerts: sending stopped for this pass");
        }
    }

    /** A due alert claimed and dealt with; false when none is due. */
    boolean sendOneAlert() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("""
                        select id, rule_id, recipient_id, channel, kind, cause_event_id, cause_type, ticket_id, facts,
                            attempts, first_attempt_at
                        from alert where state = 'PENDING' and next_attempt_at <= ?1
                        order by next_attempt_at limit 1 for update skip locked""")
                .setParameter(1, now).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        Object[] r = due.get(0);
        UUID id = (UUID) r[0];
        AlertChannel channel = AlertChannel.valueOf((String) r[3]);
        Optional<Staff> recipient = directory.byId((String) r[2]);
        if (recipient.isEmpty() || channel == AlertChannel.CHAT && !recipient.get().hasChat()) {
            finish(id, "CANCELLED", recipient.isEmpty() ? "the recipient was removed from the directory"
                    : "the recipient has no chat webhook any more");
            return true;
        }
        Staff to = recipient.get();
        lock(to.id(), channel);
        Pacing.Decision decision = decide(now, to, channel);
        if (decision instanceof Pacing.Quiet quiet) {
            em.createNativeQuery("update alert set next_attempt_at = ?2 where id = ?1")
                    .setParameter(1, id).setParameter(2, quiet.until()).executeUpdate();
            return true;
        }
        if (decision instanceof Pacing.Digest digest) {
            UUID digestId = openDigest(to.id(), channel, digest.due(), now);
            em.createNativeQuery("update alert set state = 'DIGESTED', digest_id = ?2, next_attempt_at = null where id = ?1")
                    .setParameter(1, id).setParameter(2, digestId).executeUpdate();
            return true;
        }
        AlertFacts facts = facts((String) r[8]);
        Instant firstAttempt = r[10] == null ? now : JdbcInstants.of(r[10]);
        int attempts = ((Number) r[9]).intValue() + 1;
        try {
            send(to, channel, render(() -> renderer.render(facts, to.language(), to.zone())));
        } catch (SendFailure failure) {
            failed("alert", id, now, firstAttempt, attempts, failure);
            return true;
        }
        em.createNativeQuery("""
                        update alert set state = 'SENT', sent_at = ?2, attempts = ?3, first_attempt_at = ?4,
                            next_attempt_at = null, last_error = null where id = ?1""")
                .setParameter(1, id).setParameter(2, now).setParameter(3, attempts).setParameter(4, firstAttempt)
                .executeUpdate();
        outbox.record(new AlertSent(id, (String) r[1], to.id(), channel.name(), (String) r[4], (String) r[5],
                (String) r[6], (String) r[7], now), now);
        return true;
    }

    /** A due digest claimed and dealt with; false when none is due. */
    boolean sendOneDigest() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("""
                        select id, recipient_id, channel, attempts, first_attempt_at from alert_digest
                        where state = 'PENDING' and next_attempt_at <= ?1
                        order by next_attempt_at limit 1 for update skip locked""")
                .setParameter(1, now).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        Object[] d = due.get(0);
        UUID id = (UUID) d[0];
        AlertChannel channel = AlertChannel.valueOf((String) d[2]);
        Optional<Staff> recipient = directory.byId((String) d[1]);
        if (recipient.isEmpty() || channel == AlertChannel.CHAT && !recipient.get().hasChat()) {
            String why = recipient.isEmpty() ? "the recipient was removed from the directory"
                    : "the recipient has no chat webhook any more";
            finishDigest(id, "CANCELLED", "CANCELLED", why);
            return true;
        }
        Staff to = recipient.get();
        lock(to.id(), channel);
        Optional<Instant> quiet = pacing.quietUntil(now, to);
        if (quiet.isPresent()) {
            em.createNativeQuery("update alert_digest set next_attempt_at = ?2 where id = ?1")
                    .setParameter(1, id).setParameter(2, quiet.get()).executeUpdate();
            return true;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> members = em.createNativeQuery("""
                        select id, rule_id, kind, cause_event_id, cause_type, ticket_id, facts from alert
                        where digest_id = ?1 and state = 'DIGESTED' order by created_at, id for update""")
                .setParameter(1, id).getResultList();
        if (members.isEmpty()) {
            finishDigest(id, "CANCELLED", "CANCELLED", null);
            return true;
        }
        List<AlertFacts> facts = new ArrayList<>();
        members.forEach(m -> facts.add(facts((String) m[6])));
        Instant firstAttempt = d[4] == null ? now : JdbcInstants.of(d[4]);
        int attempts = ((Number) d[3]).intValue() + 1;
        try {
            send(to, channel, render(() -> renderer.digest(facts, to.language(), to.zone())));
        } catch (SendFailure failure) {
            failed("alert_digest", id, now, firstAttempt, attempts, failure);
            if (!failure.permanent() && pacing.retryAt(now, firstAttempt, attempts, false).isPresent()) {
                return true;
            }
            em.createNativeQuery("update alert set state = 'FAILED', last_error = ?2 where digest_id = ?1 and state = 'DIGESTED'")
                    .setParameter(1, id).setParameter(2, failure.getMessage()).executeUpdate();
            return true;
        }
        em.createNativeQuery("""
                        update alert_digest set state = 'SENT', sent_at = ?2, attempts = ?3, first_attempt_at = ?4,
                            next_attempt_at = null, last_error = null where id = ?1""")
                .setParameter(1, id).setParameter(2, now).setParameter(3, attempts).setParameter(4, firstAttempt)
                .executeUpdate();
        em.createNativeQuery("update alert set state = 'SENT', sent_at = ?2 where digest_id = ?1 and state = 'DIGESTED'")
                .setParameter(1, id).setParameter(2, now).executeUpdate();
        for (Object[] m : members) {
            outbox.record(new AlertSent((UUID) m[0], (String) m[1], to.id(), channel.name(), AlertKind.DIGEST,
                    (String) m[3], (String) m[4], (String) m[5], now), now);
        }
        return true;
    }

    /** A message that cannot be written (a bug, never the recipient's fault) fails for good, rather than block the queue. */
    private static MessageRenderer.Message render(Supplier<MessageRenderer.Message> writing) throws SendFailure {
        try {
            return writing.get();
        } catch (RuntimeException e) {
            throw new SendFailure("the message cannot be written: " + MailChannel.describe(e), true, e);
        }
    }

    private void send(Staff to, AlertChannel channel, MessageRenderer.Message message) throws SendFailure {
        switch (channel) {
            case EMAIL -> mail.send(to, message);
            case CHAT -> chat.send(to, message);
        }
    }

    /** Serialises the pacing of one person's channel across threads and replicas, until the transaction ends. */
    private void lock(String recipientId, AlertChannel channel) {
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) locked")
                .setParameter(1, "alert:" + channel + ":" + recipientId).getSingleResult();
    }

    private Pacing.Decision decide(Instant now, Staff to, AlertChannel channel) {
        Instant since = now.minus(Pacing.MINUTE);
        Object[] recent = (Object[]) em.createNativeQuery("""
                        select count(*), min(sent_at) from (
                            select sent_at from alert where recipient_id = ?1 and channel = ?2 and digest_id is null
                                and state = 'SENT' and sent_at > ?3
                            union all
                            select sent_at from alert_digest where recipient_id = ?1 and channel = ?2
                                and state = 'SENT' and sent_at > ?3) mails""")
                .setParameter(1, to.id()).setParameter(2, channel.name()).setParameter(3, since).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object> open = em.createNativeQuery("""
                        select next_attempt_at from alert_digest where recipient_id = ?1 and channel = ?2 and state = 'PENDING'""")
                .setParameter(1, to.id()).setParameter(2, channel.name()).getResultList();
        return pacing.decide(now, to, ((Number) recent[0]).intValue(), recent[1] == null ? null : JdbcInstants.of(recent[1]),
                open.isEmpty() ? null : JdbcInstants.of(open.get(0)));
    }

    /** The digest gathering for this person's channel, opened (due at {@code due}) when there is none. */
    private UUID openDigest(String recipientId, AlertChannel channel, Instant due, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> open = em.createNativeQuery("select id from alert_digest where recipient_id = ?1 and channel = ?2 and state = 'PENDING'")
                .setParameter(1, recipientId).setParameter(2, channel.name()).getResultList();
        if (!open.isEmpty()) {
            return (UUID) open.get(0);
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into alert_digest (id, recipient_id, channel, state, attempts, next_attempt_at, created_at)
                        values (?1, ?2, ?3, 'PENDING', 0, ?4, ?5)""")
                .setParameter(1, id).setParameter(2, recipientId).setParameter(3, channel.name())
                .setParameter(4, due).setParameter(5, now).executeUpdate();
        return id;
    }

    /** A failed attempt on an alert or a digest ({@code table}): retried later, or given up. */
    private void failed(String table, UUID id, Instant now, Instant firstAttempt, int attempts, SendFailure failure) {
        Optional<Instant> retry = pacing.retryAt(now, firstAttempt, attempts, failure.permanent());
        LOG.infof("alerts: %s %s attempt %d failed (%s)%s", table, id, attempts, failure.getMessage(),
                retry.map(at -> ", next at " + at).orElse(", given up"));
        em.createNativeQuery("update " + table + """
                         set state = ?2, attempts = ?3, first_attempt_at = ?4, next_attempt_at = cast(?5 as timestamptz), last_error = ?6
                        where id = ?1""")
                .setParameter(1, id).setParameter(2, retry.isPresent() ? "PENDING" : "FAILED").setParameter(3, attempts)
                .setParameter(4, firstAttempt).setParameter(5, retry.orElse(null))
                .setParameter(6, failure.getMessage()).executeUpdate();
    }

    private void finish(UUID id, String state, String why) {
        em.createNativeQuery("update alert set state = ?2, next_attempt_at = null, last_error = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, state).setParameter(3, why).executeUpdate();
    }

    private void finishDigest(UUID id, String state, String membersState, String why) {
        em.createNativeQuery("update alert_digest set state = ?2, next_attempt_at = null, last_error = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, state).setParameter(3, why).executeUpdate();
        em.createNativeQuery("update alert set state = ?2, last_error = ?3 where digest_id = ?1 and state = 'DIGESTED'")
                .setParameter(1, id).setParameter(2, membersState).setParameter(3, why).executeUpdate();
    }

    private AlertFacts facts(String text) {
        try {
            return json.readValue(text, AlertFacts.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
