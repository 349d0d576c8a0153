package io.pledge.notify.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pledge.contracts.notification.WebhookEndpointDisabled;
import io.pledge.notify.NotifyConfig;
import io.pledge.notify.outbound.OutboundAddresses;
import io.pledge.platform.outbox.Outbox;
import io.pledge.platform.time.JdbcInstants;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the deliveries the database holds, on one thread of its own per replica:
 * <ol>
 *   <li>claims due deliveries ({@code for update skip locked}, so replicas share the work and
 *   never take the same one), marking them SENDING with a lease: if this replica dies, another
 *   takes them over when the lease ends;</li>
 *   <li>sends each without waiting for the others (asynchronous HTTP), at most
 *   {@code max-in-flight} in all and {@code max-in-flight-per-subscription} to one subscription,
 *   so a slow or dead endpoint holds only its own slots;</li>
 *   <li>records what came back, a round's answers in one transaction: the attempt in the log,
 *   the delivery delivered, due again ({@link RetryPolicy}) or given up, the next delivery of its
 *   lane promoted, the endpoint's health; an endpoint failing for {@code disable-after} is
 *   disabled and {@code webhook.endpoint-disabled} is published (outbox).</li>
 * </ol>
 * Delivery is at least once: a receiver drops a repeat by {@code webhook-id}.
 */
@ApplicationScoped
public class DeliveryLoop {

    private static final Logger LOG = Logger.getLogger(DeliveryLoop.class);
    /** The log's entry for a claim whose replica stopped before it wrote down an answer. */
    static final String UNANSWERED_CLAIM = "no answer recorded: the replica sending it stopped (lease ended); the receiver may have had it";

    private final EntityManager em;
    private final Clock clock;
    private final NotifyConfig.Webhooks config;
    private final OutboundAddresses outbound;
    private final Outbox outbox;
    private final TransactionSynchronizationRegistry transactions;
    private final MeterRegistry meters;
    private final RetryPolicy policy;

    private final Semaphore wakeUp = new Semaphore(0);
    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final Map<UUID, AtomicInteger> inFlightBySubscription = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private Thread thread;
    private ExecutorService httpExecutor;
    private WebhookSender sender;
    private Timer delay;
    private Instant leasesCheckedAt = Instant.EPOCH;

    @Inject
    public DeliveryLoop(EntityManager em, Clock clock, NotifyConfig config, OutboundAddresses outbound, Outbox outbox,
                        TransactionSynchronizationRegistry transactions, MeterRegistry meters) {
        this.em = em;
        this.clock = clock;
        this.config = config.webhooks();
        this.outbound = outbound;
        this.outbox = outbox;
        this.transactions = transactions;
        this.meters = meters;
        this.policy = new RetryPolicy(this.config.retrySchedule(), this.config.jitter(), this.config.longestRetryAfter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    void start(@Observes StartupEvent event) {
        httpExecutor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook-http");
            t.setDaemon(true);
            return t;
        });
        sender = new WebhookSender(config.connectTimeout(), config.answerTimeout(), httpExecutor);
        // from the event's Kafka timestamp to the receiver's 2xx: the number the benchmark reports
        delay = Timer.builder("pledge.webhook.delivery.delay").publishPercentiles(0.5, 0.99).register(meters);
        meters.gauge("pledge.webhook.in-flight", inFlight);
        running = true;
        thread = new Thread(this::run, "webhook-delivery");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        wakeUp.release();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        httpExecutor.shutdownNow();
    }

    /** The wait before a new delivery's first attempt. */
    Instant firstAttempt(Instant now) {
        return policy.firstAttempt(now);
    }

    /** Looks at the database again once the caller's transaction has committed (new deliveries). */
    void wakeAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                wakeUp.release();
            }
        });
    }

    private void run() {
        long backoffMillis = 0;
        while (running) {
            try {
                int recorded = recordFinished();
                int sent = claimAndSend();
                backoffMillis = 0;
                if (recorded == 0 && sent == 0) {
                    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is away: what was claimed stays SENDING until its lease ends, answers wait in memory
                backoffMillis = Math.min(5_000, Math.max(250, backoffMillis * 2));
                LOG.warnf("webhook delivery loop failed (retrying in %d ms): %s", backoffMillis, e.toString());
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A claimed delivery, with what its attempt needs. */
    private record Claimed(long id, UUID subscriptionId, String eventId, int attempts, String lane, Instant publishedAt,
                           String url, List<String> secrets, String body, boolean unordered) {
    }

    private record Finished(Claimed delivery, WebhookSender.Attempt attempt, Instant at) {
    }

    private int claimAndSend() {
        int free = config.maxInFlight() - inFlight.get();
        if (free <= 0) {
            return 0;
        }
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(() -> claim(free));
        for (Claimed delivery : claimed) {
            inFlight.incrementAndGet();
            inFlightBySubscription.computeIfAbsent(delivery.subscriptionId(), id -> new AtomicInteger()).incrementAndGet();
            Instant now = clock.instant();
            String refusal = outbound.refusal(URI.create(delivery.url()));
            var attempt = refusal != null
                    ? java.util.concurrent.CompletableFuture.completedFuture(new WebhookSender.Attempt(null, null, null, refusal, 0))
                    : sender.send(URI.create(delivery.url()), delivery.eventId(), delivery.secrets(), delivery.body(), now);
            attempt.thenAccept(result -> {
                finished.add(new Finished(delivery, result, clock.instant()));
                wakeUp.release();
            });
        }
        return claimed.size();
    }

    @SuppressWarnings("unchecked")
    private List<Claimed> claim(int free) {
        Instant now = clock.instant();
        if (Duration.between(leasesCheckedAt, now).compareTo(config.lease().dividedBy(4)) > 0) {
            // deliveries a replica claimed and never answered for: it died; due again now. The claim counted as an
            // attempt, so it goes into the log as one whose outcome nobody knows (the receiver may have had it)
            em.createNativeQuery("""
                            with expired as (
                                select id, lease_until from webhook_delivery
                                where state = 'SENDING' and lease_until < ?1 for update skip locked),
                            released as (
                                update webhook_delivery d set state = 'PENDING', lease_until = null, next_attempt_at = ?1,
                                    last_status = null, last_error = ?3
                                from expired e where d.id = e.id
                                returning d.id, e.lease_until)
                            insert into webhook_attempt (delivery_id, attempted_at, status, error, latency_ms, answer)
                            select id, lease_until - cast(?2 as interval), null, ?3, 0, null from released""")
                    .setParameter(1, now).setParameter(2, config.lease().toMillis() + " milliseconds")
                    .setParameter(3, UNANSWERED_CLAIM).executeUpdate();
            leasesCheckedAt = now;
        }
        int cap = config.maxInFlightPerSubscription();
        UUID[] saturated = inFlightBySubscription.entrySet().stream()
                .filter(e -> e.getValue().get() >= cap).map(Map.Entry::getKey).toArray(UUID[]::new);
        List<Object[]> rows = em.createNativeQuery("""
                        with picked as (
                            select c.id from webhook_subscription s cross join lateral (
                                select d.id, d.next_attempt_at from webhook_delivery d
                                where d.subscription_id = s.id and d.state = 'PENDING' and d.next_attempt_at <= ?1
                                order by d.next_attempt_at limit ?2
                                for update of d skip locked) c
                            where s.state = 'ACTIVE' and not (s.id = any(cast(?3 as uuid[])))
                            order by c.next_attempt_at
                            limit ?4)
                        update webhook_delivery d set state = 'SENDING', lease_until = ?5, attempts = d.attempts + 1
                        from picked p where d.id = p.id
                        returning d.id, d.subscription_id, d.event_id, d.attempts, d.lane, d.published_at, d.event_seq""")
                .setParameter(1, now).setParameter(2, cap).setParameter(3, saturated).setParameter(4, free)
                .setParameter(5, now.plus(config.lease()))
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, String> bodies = new HashMap<>();
        Long[] seqs = rows.stream().map(r -> ((Number) r[6]).longValue()).distinct().toArray(Long[]::new);
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select seq, body from received_event where seq = any(?1)")
                .setParameter(1, seqs).getResultList()) {
            bodies.put(((Number) r[0]).longValue(), (String) r[1]);
        }
        record Endpoint(String url, List<String> secrets, boolean unordered) {
        }
        Map<UUID, Endpoint> endpoints = new HashMap<>();
        UUID[] subscriptions = rows.stream().map(r -> (UUID) r[1]).distinct().toArray(UUID[]::new);
        for (Object[] r : (List<Object[]>) em.createNativeQuery("""
                        select id, url, secret, previous_secret, previous_secret_until, unordered
                        from webhook_subscription where id = any(?1)""")
                .setParameter(1, subscriptions).getResultList()) {
            Instant previousUntil = r[4] == null ? null : JdbcInstants.of(r[4]);
            endpoints.put((UUID) r[0], new Endpoint((String) r[1],
                    Subscription.signingSecrets((String) r[2], (String) r[3], previousUntil, now), (Boolean) r[5]));
        }
        List<Claimed> claimed = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Endpoint endpoint = endpoints.get((UUID) r[1]);
            claimed.add(new Claimed(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2], ((Number) r[3]).intValue(),
                    (String) r[4], JdbcInstants.of(r[5]), endpoint.url(), endpoint.secrets(),
                    bodies.get(((Number) r[6]).longValue()), endpoint.unordered()));
        }
        return claimed;
    }

    /** Writes down a round's answers in one transaction; returns how many. */
    private int recordFinished() {
        List<Finished> round = new ArrayList<>();
        for (Finished f; round.size() < 2_000 && (f = finished.poll()) != null; ) {
            round.add(f);
        }
        if (round.isEmpty()) {
            return 0;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> record(round));
        } catch (RuntimeException e) {
            finished.addAll(round); // the database is away: keep them for the next round
            throw e;
        }
        for (Finished f : round) {
            inFlight.decrementAndGet();
            inFlightBySubscription.get(f.delivery().subscriptionId()).decrementAndGet();
            if (f.attempt().status() != null && f.attempt().status() / 100 == 2) {
                delay.record(Duration.between(f.delivery().publishedAt(), f.at()));
            }
        }
        return round.size();
    }

    private void record(List<Finished> round) {
        // to the database's precision, so that "disabled now" can be recognised in what it returns
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int n = round.size();
        Long[] ids = new Long[n];
        String[] states = new String[n];
        Instant[] next = new Instant[n];
        Integer[] statuses = new Integer[n];
        String[] errors = new String[n];
        Instant[] attemptedAt = new Instant[n];
        Integer[] latencies = new Integer[n];
        String[] answers = new String[n];
        List<UUID> finishedSubscriptions = new ArrayList<>();
        List<String> finishedLanes = new ArrayList<>();
        Map<UUID, String> failedWith = new HashMap<>();
        List<UUID> succeeded = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Finished f = round.get(i);
            WebhookSender.Attempt a = f.attempt();
            RetryPolicy.Decision decision = policy.after(f.delivery().attempts(), a.status(), a.retryAfter(), f.at());
            ids[i] = f.delivery().id();
            states[i] = switch (decision.outcome()) {
                case DELIVERED -> "DELIVERED";
                case RETRY -> "PENDING";
                case FAILED -> "FAILED";
            };
            next[i] = decision.nextAttempt();
            statuses[i] = a.status();
            errors[i] = a.error() != null ? truncate(a.error(), 500) : a.status() != null && a.status() / 100 != 2 ? "HTTP " + a.status() : null;
            attemptedAt[i] = f.at().minusMillis(a.latencyMillis());
            latencies[i] = (int) Math.min(Integer.MAX_VALUE, a.latencyMillis());
            answers[i] = a.answer();
            if (decision.outcome() != RetryPolicy.Decision.Outcome.RETRY) {
                finishedSubscriptions.add(f.delivery().subscriptionId());
                finishedLanes.add(f.delivery().lane());
            }
            if (decision.outcome() == RetryPolicy.Decision.Outcome.DELIVERED) {
                succeeded.add(f.delivery().subscriptionId());
            } else {
                failedWith.put(f.delivery().subscriptionId(), errors[i]);
            }
        }
        em.createNativeQuery("""
                        insert into webhook_attempt (delivery_id, attempted_at, status, error, latency_ms, answer)
                        select u.* from unnest(cast(?1 as bigint[]), cast(?2 as timestamptz[]), cast(?3 as int[]),
                                               cast(?4 as text[]), cast(?5 as int[]), cast(?6 as text[]))
                            as u(delivery_id, attempted_at, status, error, latency_ms, answer)
                        -- a subscription deleted while its delivery was under way took the delivery with it
                        where exists (select 1 from webhook_delivery d where d.id = u.delivery_id)""")
                .setParameter(1, ids).setParameter(2, attemptedAt).setParameter(3, statuses).setParameter(4, errors)
                .setParameter(5, latencies).setParameter(6, answers).executeUpdate();
        em.createNativeQuery("""
                        update webhook_delivery d set state = u.state, next_attempt_at = u.next, lease_until = null,
                            last_status = u.status, last_error = u.error,
                            finished_at = case when u.state in ('DELIVERED', 'FAILED') then cast(?6 as timestamptz) end
                        from unnest(cast(?1 as bigint[]), cast(?2 as text[]), cast(?3 as timestamptz[]), cast(?4 as int[]), cast(?5 as text[])) as u(id, state, next, status, error)
                        where d.id = u.id and d.state = 'SENDING'""")
                .setParameter(1, ids).setParameter(2, states).setParameter(3, next).setParameter(4, statuses)
                .setParameter(5, errors).setParameter(6, now).executeUpdate();
        if (!finishedLanes.isEmpty()) {
            // the next delivery of each finished lane, if nothing else of that lane is under way
            em.createNativeQuery("""
                            update webhook_delivery w set state = 'PENDING', next_attempt_at = ?3
                            from (select distinct on (n.subscription_id, n.lane) n.id, n.subscription_id, n.lane
                                  from webhook_delivery n
                                  join (select distinct * from unnest(cast(?1 as uuid[]), cast(?2 as text[]))) as f(subscription_id, lane)
                                    on n.subscription_id = f.subscription_id and n.lane = f.lane
                                  where n.state = 'WAITING'
                                  order by n.subscription_id, n.lane, n.occurred_at, n.event_seq) h
                            where w.id = h.id and not exists (
                                select 1 from webhook_delivery o where o.subscription_id = h.subscription_id
                                and o.lane = h.lane and o.state in ('PENDING', 'SENDING'))""")
                    .setParameter(1, finishedSubscriptions.toArray(UUID[]::new))
                    .setParameter(2, finishedLanes.toArray(String[]::new))
                    .setParameter(3, policy.firstAttempt(now)).executeUpdate();
        }
        if (!failedWith.isEmpty()) {
            failing(failedWith, now);
        }
        if (!succeeded.isEmpty()) {
            em.createNativeQuery("update webhook_subscription set failing_since = null, last_error = null "
                            + "where id = any(?1) and failing_since is not null")
                    .setParameter(1, succeeded.stream().distinct().toArray(UUID[]::new)).executeUpdate();
        }
    }

    /** Endpoints that failed: since when; those failing for too long are disabled and their owners told. */
    @SuppressWarnings("unchecked")
    private void failing(Map<UUID, String> failedWith, Instant now) {
        UUID[] subscriptions = failedWith.keySet().toArray(UUID[]::new);
        String[] errors = failedWith.values().toArray(String[]::new);
        List<Object[]> disabled = em.createNativeQuery("""
                        update webhook_subscription s set failing_since = coalesce(s.failing_since, cast(?3 as timestamptz)), last_error = f.error,
                            state = case when s.state = 'ACTIVE' and coalesce(s.failing_since, cast(?3 as timestamptz)) <= ?4 then 'DISABLED' else s.state end,
                            disabled_at = case when s.state = 'ACTIVE' and coalesce(s.failing_since, cast(?3 as timestamptz)) <= ?4 then cast(?3 as timestamptz) else s.disabled_at end
                        from unnest(cast(?1 as uuid[]), cast(?2 as text[])) as f(id, error)
                        where s.id = f.id
                        returning s.id, s.contact, s.url, s.failing_since, s.state, s.disabled_at""")
                .setParameter(1, subscriptions).setParameter(2, errors).setParameter(3, now)
                .setParameter(4, now.minus(config.disableAfter())).getResultList();
        for (Object[] r : disabled) {
            if ("DISABLED".equals(r[4]) && now.equals(JdbcInstants.of(r[5]))) {
                UUID id = (UUID) r[0];
                LOG.warnf("webhook %s disabled: failing since %s (%s)", id, r[3], failedWith.get(id));
                outbox.record(new WebhookEndpointDisabled(id, (String) r[1], URI.create((String) r[2]).getHost(),
                        JdbcInstants.of(r[3]), now, failedWith.get(id)), now);
            }
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
