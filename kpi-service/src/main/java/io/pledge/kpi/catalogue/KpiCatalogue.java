package io.pledge.kpi.catalogue;

import io.pledge.kpi.catalogue.Kpi.Definition;
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
 * Every KPI of the seeds (blueprint §5), computed from the base measures of {@code EventMeasures},
 * each with its definition in words. A rate is a share of things (tickets, calls, complaints,
 * survey answers, visits, SLA clock cycles), each counted once, whose numerator is part of its
 * denominator: it never exceeds 100 %.
 *
 * <p>Default targets: satisfaction ≥ 90 %, resolution rate ≥ 95 %, response-time attainment ≥
 * 99.5 %, 80 % solved within 24 h, 95 % of on-site visits completed the same day, satisfaction
 * score ≥ 4.8 / 5; the phone service level (80 % within 30 s) and abandonment (≤ 5 %) follow common
 * call-centre practice where the seeds name no figure.
 */
public final class KpiCatalogue {

    private static final Map<String, Kpi> KPIS = new LinkedHashMap<>();

    /** The counters some KPI reads as a running total ({@link Inputs#cumulative}): summing costs, so only these are. */
    public static final Set<String> RUNNING_TOTALS = Set.of("tickets.open-change");

    private static final String OPENING = "the ticket's opening";
    private static final String FIRST_RESOLUTION = "the ticket's first resolution";
    private static final String FIRST_RESOLVED = "tickets resolved for the first time";
    private static final String CLOCK_START = "the start of the SLA clock";
    private static final String OFFER = "the call's offer";
    private static final String OFFERED = "calls offered: answered or abandoned";
    private static final String SURVEYED = "the resolution of the ticket surveyed";

    static {
        // volume
        count("tickets.opened", "Tickets opened", "tickets opened", OPENING, Direction.HIGHER);
        count("tickets.resolved", "Tickets resolved", FIRST_RESOLVED
                + "; one resolved again after a reopening is not counted again", FIRST_RESOLUTION, Direction.HIGHER);
        count("tickets.closed", "Tickets closed", "tickets closed (closing is final)", "the ticket's closing",
                Direction.HIGHER);
        count("tickets.reopened", "Tickets reopened", "tickets reopened, each once however often it reopens",
                "the ticket's first reopening", Direction.LOWER);
        add(new Kpi("tickets.backlog", "Tickets open at the end of the bucket",
                new Definition("tickets open at the end of the bucket: every opening and reopening less every"
                        + " resolution up to then", null, "the end of the bucket (a running total)"),
                Unit.COUNT, List.of("tickets.open-change"),
                in -> {
                    long open = in.cumulative("tickets.open-change");
                    return new Value((double) open, open);
                }, null, Direction.LOWER, 0));
        // response
        seconds("first-response.time", "First-response time (calendar)",
                "calendar seconds from a ticket's opening to its first response (the earliest, when an earlier"
                        + " reply is reported late)", "tickets with a first response", OPENING);
        seconds("first-response.business-time", "First-response time (business time, from the SLA clock)",
                "business seconds on the SLA calendar from a first-response clock's start to its stop (the latest"
                        + " stop announced, when a late reply moves it)", "first-response clocks stopped, met or breached",
                CLOCK_START);
        rate("first-response.attainment", "First responses within target", "sla.met.first-response",
                List.of("sla.met.first-response", "sla.breached.first-response"), 99.5, Direction.HIGHER, 0.5,
                new Definition("first-response clocks met (stopped within their target)",
                        "first-response clocks met or breached", CLOCK_START));
        // SLA
        rate("sla.attainment", "SLA attainment, all metrics", "sla.met", List.of("sla.met", "sla.breached"),
                99.5, Direction.HIGHER, 0.5,
                new Definition("SLA clock cycles met (stopped within their target)", "SLA clock cycles met or breached",
                        CLOCK_START));
        // SLA metrics as counters spell them, and in words (first response has its attainment above)
        Map<String, String> slaMetrics = new LinkedHashMap<>();
        slaMetrics.put("resolution", "resolution");
        slaMetrics.put("next-response", "next response");
        slaMetrics.put("periodic-update", "periodic update");
        slaMetrics.put("on-site-dispatch", "on-site dispatch");
        for (Map.Entry<String, String> slaMetric : slaMetrics.entrySet()) {
            String metric = slaMetric.getKey();
            String words = slaMetric.getValue();
            rate("sla.attainment." + metric, "SLA attainment, " + words, "sla.met." + metric,
                    List.of("sla.met." + metric, "sla.breached." + metric), 99.5, Direction.HIGHER, 0.5,
                    new Definition(words + " clock cycles met (stopped within their target)",
                            words + " clock cycles met or breached", CLOCK_START));
        }
        count("sla.breached", "SLA breaches", "SLA clock cycles breached (taken back when a late correction shows"
                + " the promise was kept)", CLOCK_START, Direction.LOWER);
        count("sla.warnings", "SLA warnings", "warnings that an SLA clock used up a share of its target, one per"
                + " clock cycle and threshold (taken back when retracted)", "the warning", Direction.LOWER);
        // resolution
        rate("resolution.rate", "Resolution rate (resolved of opened)", "tickets.opened-resolved",
                List.of("tickets.opened"), 95.0, Direction.HIGHER, 2.0,
                new Definition("tickets opened in the bucket that are resolved now (a reopened one counts again once"
                        + " it is resolved again)", "tickets opened", OPENING));
        rate("resolution.within-24h", "Resolved within 24 h", "tickets.resolved-within-24h", List.of("tickets.resolved"),
                80.0, Direction.HIGHER, 5.0,
                new Definition("tickets first resolved within 24 h of their opening", FIRST_RESOLVED, FIRST_RESOLUTION));
        rate("resolution.first-contact", "First-contact resolution", "tickets.first-contact-resolved",
                List.of("tickets.resolved"), null, Direction.HIGHER, 0,
                new Definition("tickets first resolved after at most one agent reply and not reopened since",
                        FIRST_RESOLVED, FIRST_RESOLUTION));
        rate("reopen.rate", "Reopen rate", "tickets.resolved-reopened", List.of("tickets.resolved"), 5.0,
                Direction.LOWER, 2.0,
                new Definition("tickets reopened after their first resolution", FIRST_RESOLVED, FIRST_RESOLUTION));
        seconds("resolution.time", "Resolution time (calendar)",
                "calendar seconds from a ticket's opening to its first resolution", FIRST_RESOLVED, FIRST_RESOLUTION);
        // phone
        seconds("calls.wait", "Speed of answer", "seconds an answered call waited for the answer", "calls answered",
                OFFER);
        rate("phone.service-level", "Calls answered within 30 s (of offered)", "calls.answered-in-service-level",
                List.of("calls.answered", "calls.abandoned"), 80.0, Direction.HIGHER, 5.0,
                new Definition("calls answered within 30 s of being offered", OFFERED, OFFER));
        rate("phone.abandonment", "Abandoned calls (of offered)", "calls.abandoned",
                List.of("calls.answered", "calls.abandoned"), 5.0, Direction.LOWER, 2.0,
                new Definition("calls the caller hung up on before an answer", OFFERED, OFFER));
        // satisfaction
        rate("csat", "Customer satisfaction (CSAT 4–5 of 5)", "surveys.csat-satisfied", List.of("surveys.csat-answered"),
                90.0, Direction.HIGHER, 3.0,
                new Definition("survey answers rating satisfaction 4 or 5 of 5", "survey answers rating satisfaction",
                        SURVEYED));
        add(new Kpi("satisfaction.score", "Mean weighted satisfaction score (x / 5)",
                new Definition("the weighted score of a survey answer's dimensions (1–5), averaged",
                        "survey answers scoring the dimensions", SURVEYED),
                Unit.SCORE, List.of("surveys.weighted-score"), in -> mean(in, "surveys.weighted-score", 100.0), 4.8,
                Direction.HIGHER, 0.2));
        add(new Kpi("nps", "Net promoter score",
                new Definition("promoters (9–10) less detractors (0–6), per 100 answers",
                        "survey answers scoring the recommendation", SURVEYED),
                Unit.SCORE, List.of("surveys.nps-answered", "surveys.nps-promoters", "surveys.nps-detractors"), in -> {
                    long n = in.count("surveys.nps-answered");
                    return n == 0 ? Value.NONE : new Value(100.0 * (in.count("surveys.nps-promoters")
                            - in.count("surveys.nps-detractors")) / n, n);
                }, null, Direction.HIGHER, 0));
        add(new Kpi("ces", "Mean customer effort score (1–7)",
                new Definition("the customer effort score of a survey answer (7: easiest to get help), averaged",
                        "survey answers scoring the effort", SURVEYED),
                Unit.SCORE, List.of("surveys.ces"), in -> mean(in, "surveys.ces", 100.0), null, Direction.HIGHER, 0));
        rate("survey.response-rate", "Surveys answered (of sent)", "surveys.answered-of-sent", List.of("surveys.sent"),
                null, Direction.HIGHER, 0,
                new Definition("surveys answered", "surveys sent", "the survey's sending"));
        // complaints
        add(new Kpi("complaints.per-1000", "Complaints per 1,000 tickets",
                new Definition("complaints registered, per 1,000 tickets", "tickets opened",
                        "the complaint's registration; the ticket's opening"),
                Unit.PER_1000, List.of("complaints.registered", "tickets.opened"), in -> {
                    long tickets = in.count("tickets.opened");
                    return tickets == 0 ? Value.NONE
                            : new Value(1000.0 * in.count("complaints.registered") / tickets, tickets);
                }, null, Direction.LOWER, 0));
        rate("complaints.acknowledged-in-time", "Complaints acknowledged in time", "complaints.acknowledged-in-time",
                List.of("complaints.acknowledged"), 100.0, Direction.HIGHER, 5.0,
                new Definition("complaints acknowledged by their deadline", "complaints acknowledged",
                        "the complaint's acknowledgement"));
        rate("complaints.escalation-rate", "Complaints escalated (of registered)", "complaints.escalated",
                List.of("complaints.registered"), null, Direction.LOWER, 0,
                new Definition("complaints registered in the bucket that stand escalated (level 2 or above, however"
                        + " often escalated; a withdrawn escalation taken back)", "complaints registered",
                        "the complaint's registration"));
        for (int level = 2; level <= 4; level++) {
            rate("complaints.escalation-rate.l" + level, "Complaints escalated to L" + level + " (of registered)",
                    "complaints.escalated.l" + level, List.of("complaints.registered"), null, Direction.LOWER, 0,
                    new Definition("complaints registered in the bucket that stand at level " + level + " or above"
                            + " (a withdrawn escalation taken back)", "complaints registered",
                            "the complaint's registration"));
        }
        rate("complaints.follow-up-completion", "Follow-up visits done (of accepted resolutions)",
                "complaints.follow-ups", List.of("complaints.resolved"), 100.0, Direction.HIGHER, 5.0,
                new Definition("accepted complaint resolutions whose follow-up visit took place",
                        "complaint resolutions the customer accepted", "the resolution's acceptance"));
        // on-site service (seed 003)
        count("onsite.requested", "On-site visits requested", "on-site visits requested", "the visit's request",
                Direction.HIGHER);
        count("onsite.completed", "On-site visits completed", "on-site visits completed", "the visit's completion",
                Direction.HIGHER);
        rate("onsite.same-day", "On-site visits completed the same day", "onsite.completed-same-day",
                List.of("onsite.requested"), 95.0, Direction.HIGHER, 2.0,
                new Definition("on-site visits completed on the local day (business time zone) they were requested",
                        "on-site visits requested", "the visit's request"));
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

    /** A count of things; {@code better}: whether more of them is good news. */
    private static void count(String name, String description, String counted, String bucket, Direction better) {
        add(new Kpi(name, description, new Definition(counted, null, bucket), Unit.COUNT, List.of(name), in -> {
            long n = in.count(name);
            return new Value((double) n, n);
        }, null, better, 0));
    }

    /** Mean, p50 and p90 of a distribution of seconds, as three KPIs of one definition. */
    private static void seconds(String name, String description, String measured, String cases, String bucket) {
        Definition definition = new Definition(measured, cases, bucket);
        statistic(name + ".mean", description + ", mean", definition, name, Distribution::mean);
        statistic(name + ".p50", description + ", median", definition, name, d -> d.p50());
        statistic(name + ".p90", description + ", 90th percentile", definition, name, d -> d.p90());
    }

    private static void statistic(String kpi, String description, Definition definition, String distribution,
                                  ToDoubleFunction<Distribution> pick) {
        add(new Kpi(kpi, description, definition, Unit.SECONDS, List.of(distribution), in -> {
            Distribution d = in.distribution(distribution);
            return d == null || d.count() == 0 ? Value.NONE : new Value(pick.applyAsDouble(d), d.count());
        }, null, Direction.LOWER, 0));
    }

    /** numerator / sum(denominators) as a percentage. */
    private static void rate(String name, String description, String numerator, List<String> denominators,
                             Double target, Direction better, double atRiskWithin, Definition definition) {
        List<String> inputs = new ArrayList<>(List.of(numerator));
        denominators.stream().filter(d -> !d.equals(numerator)).forEach(inputs::add);
        add(new Kpi(name, description, definition, Unit.PERCENT, List.copyOf(inputs), in -> {
            long cases = denominators.stream().mapToLong(in::count).sum();
            return cases <= 0 ? Value.NONE : new Value(100.0 * in.count(numerator) / cases, cases);
        }, target, better, atRiskWithin));
    }

    private static Value mean(Inputs in, String distribution, double scale) {
        Distribution d = in.distribution(distribution);
        return d == null || d.count() == 0 ? Value.NONE : new Value(d.mean() / scale, d.count());
    }
}
