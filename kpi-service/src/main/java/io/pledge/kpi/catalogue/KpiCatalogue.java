package io.pledge.kpi.catalogue;

import io.pledge.kpi.catalogue.Kpi.Direction;
import io.pledge.kpi.catalogue.Kpi.Distribution;
import io.pledge.kpi.catalogue.Kpi.Inputs;
import io.pledge.kpi.catalogue.Kpi.Unit;
import io.pledge.kpi.catalogue.Kpi.Value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Every KPI of the seeds (blueprint §5), computed from the base measures of {@code EventMeasures}.
 * Default targets: satisfaction ≥ 90 %, resolution rate ≥ 95 %, response-time attainment ≥ 99.5 %,
 * 80 % solved within 24 h, satisfaction score ≥ 4.8 / 5; the phone service level (80 % within 30 s)
 * and abandonment (≤ 5 %) follow common call-centre practice where the seeds name no figure.
 */
public final class KpiCatalogue {

    private static final Map<String, Kpi> KPIS = new LinkedHashMap<>();

    /** The counters some KPI reads as a running total ({@link Inputs#cumulative}): summing costs, so only these are. */
    public static final Set<String> RUNNING_TOTALS = Set.of("tickets.open-change");

    static {
        // volume
        count("tickets.opened", "Tickets opened");
        count("tickets.resolved", "Tickets resolved");
        count("tickets.closed", "Tickets closed");
        count("tickets.reopened", "Tickets reopened");
        add(new Kpi("tickets.backlog", "Tickets open at the end of the bucket", Unit.COUNT, List.of("tickets.open-change"),
                in -> {
                    long open = in.cumulative("tickets.open-change");
                    return new Value((double) open, open);
                }, null, Direction.LOWER, 0));
        // response
        seconds("first-response.time", "First-response time (calendar)");
        seconds("first-response.business-time", "First-response time (business time, from the SLA clock)");
        rate("first-response.attainment", "First responses within target", "sla.met.first-response",
                List.of("sla.met.first-response", "sla.breached.first-response"), 99.5, Direction.HIGHER, 0.5);
        // SLA
        rate("sla.attainment", "SLA attainment, all metrics", "sla.met", List.of("sla.met", "sla.breached"),
                99.5, Direction.HIGHER, 0.5);
        for (String metric : List.of("resolution", "next-response", "periodic-update")) {
            rate("sla.attainment." + metric, "SLA attainment, " + metric.replace('-', ' '), "sla.met." + metric,
                    List.of("sla.met." + metric, "sla.breached." + metric), 99.5, Direction.HIGHER, 0.5);
        }
        count("sla.breached", "SLA breaches");
        count("sla.warnings", "SLA warnings");
        // resolution
        rate("resolution.rate", "Resolution rate (resolved of opened)", "tickets.resolved", List.of("tickets.opened"),
                95.0, Direction.HIGHER, 2.0);
        rate("resolution.within-24h", "Resolved within 24 h", "tickets.resolved-within-24h", List.of("tickets.resolved"),
                80.0, Direction.HIGHER, 5.0);
        rate("resolution.first-contact", "First-contact resolution", "tickets.first-contact-resolved",
                List.of("tickets.resolved"), null, Direction.HIGHER, 0);
        rate("reopen.rate", "Reopen rate", "tickets.reopened", List.of("tickets.resolved"), 5.0, Direction.LOWER, 2.0);
        seconds("resolution.time", "Resolution time (calendar)");
        // phone
        seconds("calls.wait", "Speed of answer");
        rate("phone.service-level", "Calls answered within 30 s (of offered)", "calls.answered-in-service-level",
                List.of("calls.answered", "calls.abandoned"), 80.0, Direction.HIGHER, 5.0);
        rate("phone.abandonment", "Abandoned calls (of offered)", "calls.abandoned",
                List.of("calls.answered", "calls.abandoned"), 5.0, Direction.LOWER, 2.0);
        // satisfaction
        rate("csat", "Customer satisfaction (CSAT 4–5 of 5)", "surveys.csat-satisfied", List.of("surveys.csat-answered"),
                90.0, Direction.HIGHER, 3.0);
        add(new Kpi("satisfaction.score", "Mean weighted satisfaction score (x / 5)", Unit.SCORE,
                List.of("surveys.weighted-score"), in -> mean(in, "surveys.weighted-score", 100.0), 4.8, Direction.HIGHER, 0.2));
        add(new Kpi("nps", "Net promoter score", Unit.SCORE,
                List.of("surveys.nps-answered", "surveys.nps-promoters", "surveys.nps-detractors"), in -> {
                    long n = in.count("surveys.nps-answered");
                    return n == 0 ? Value.NONE : new Value(100.0 * (in.count("surveys.nps-promoters")
                            - in.count("surveys.nps-detractors")) / n, n);
                }, null, Direction.HIGHER, 0));
        add(new Kpi("ces", "Mean customer effort score (1–7)", Unit.SCORE, List.of("surveys.ces"),
                in -> mean(in, "surveys.ces", 100.0), null, Direction.HIGHER, 0));
        rate("survey.response-rate", "Surveys answered (of sent)", "surveys.answered-of-sent", List.of("surveys.sent"),
                null, Direction.HIGHER, 0);
        // complaints
        add(new Kpi("complaints.per-1000", "Complaints per 1,000 tickets", Unit.PER_1000,
                List.of("complaints.registered", "tickets.opened"), in -> {
                    long tickets = in.count("tickets.opened");
                    return tickets == 0 ? Value.NONE
                            : new Value(1000.0 * in.count("complaints.registered") / tickets, tickets);
                }, null, Direction.LOWER, 0));
        rate("complaints.acknowledged-in-time", "Complaints acknowledged in time", "complaints.acknowledged-in-time",
                List.of("complaints.acknowledged"), 100.0, Direction.HIGHER, 5.0);
        rate("complaints.escalation-rate", "Complaints escalated (of registered)", "complaints.escalated",
                List.of("complaints.registered"), null, Direction.LOWER, 0);
        for (int level = 2; level <= 4; level++) {
            rate("complaints.escalation-rate.l" + level, "Complaints escalated to L" + level + " (of registered)",
                    "complaints.escalated.l" + level, List.of("complaints.registered"), null, Direction.LOWER, 0);
        }
        rate("complaints.follow-up-completion", "Follow-up visits done (of accepted resolutions)",
                "complaints.follow-ups", List.of("complaints.resolved"), 100.0, Direction.HIGHER, 5.0);
    }

    private KpiCatalogue() {
    }

    public static Collection<Kpi> all() {
        return KPIS.values();
    }

    public static Optional<Kpi> find(String name) {
        return Optional.ofNullable(KPIS.get(name));
    }

    /** The KPIs that read {@code input}: what a change to it re-publishes. */
    public static List<Kpi> reading(String input) {
        return KPIS.values().stream().filter(k -> k.inputs().contains(input)).toList();
    }

    /** Every base counter or distribution some KPI reads. */
    public static Set<String> inputs() {
        Set<String> inputs = new TreeSet<>();
        KPIS.values().forEach(k -> inputs.addAll(k.inputs()));
        return inputs;
    }

    private static void add(Kpi kpi) {
        KPIS.put(kpi.name(), kpi);
    }

    private static void count(String name, String description) {
        add(new Kpi(name, description, Unit.COUNT, List.of(name), in -> {
            long n = in.count(name);
            return new Value((double) n, n);
        }, null, Direction.HIGHER, 0));
    }

    /** Mean, p50 and p90 of a distribution of seconds, as three KPIs. */
    private static void seconds(String name, String description) {
        statistic(name + ".mean", description + ", mean", name, Distribution::mean);
        statistic(name + ".p50", description + ", median", name, d -> d.p50());
        statistic(name + ".p90", description + ", 90th percentile", name, d -> d.p90());
    }

    private static void statistic(String kpi, String description, String distribution, ToDoubleFunction<Distribution> pick) {
        add(new Kpi(kpi, description, Unit.SECONDS, List.of(distribution), in -> {
            Distribution d = in.distribution(distribution);
            return d == null || d.count() == 0 ? Value.NONE : new Value(pick.applyAsDouble(d), d.count());
        }, null, Direction.LOWER, 0));
    }

    /** numerator / sum(denominators) as a percentage. */
    private static void rate(String name, String description, String numerator, List<String> denominators,
                             Double target, Direction better, double atRiskWithin) {
        List<String> inputs = new ArrayList<>(List.of(numerator));
        denominators.stream().filter(d -> !d.equals(numerator)).forEach(inputs::add);
        add(new Kpi(name, description, Unit.PERCENT, List.copyOf(inputs), in -> {
            long cases = denominators.stream().mapToLong(in::count).sum();
            return cases <= 0 ? Value.NONE : new Value(100.0 * in.count(numerator) / cases, cases);
        }, target, better, atRiskWithin));
    }

    private static Value mean(Inputs in, String distribution, double scale) {
        Distribution d = in.distribution(distribution);
        return d == null || d.count() == 0 ? Value.NONE : new Value(d.mean() / scale, d.count());
    }
}
