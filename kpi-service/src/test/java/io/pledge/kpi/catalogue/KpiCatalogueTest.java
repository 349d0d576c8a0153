package io.pledge.kpi.catalogue;

import io.pledge.kpi.catalogue.Kpi.Direction;
import io.pledge.kpi.catalogue.Kpi.Distribution;
import io.pledge.kpi.catalogue.Kpi.Status;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KpiCatalogueTest {

    private static Kpi.Inputs inputs(Map<String, Long> counts, Map<String, Distribution> distributions) {
        return new Kpi.Inputs() {
            @Override
            public long count(String counter) {
                return counts.getOrDefault(counter, 0L);
            }

            @Override
            public long cumulative(String counter) {
                return counts.getOrDefault(counter + ".so-far", 0L);
            }

            @Override
            public Distribution distribution(String name) {
                return distributions.get(name);
            }
        };
    }

    private static Kpi.Value value(String kpi, Map<String, Long> counts) {
        return KpiCatalogue.find(kpi).orElseThrow().compute().apply(inputs(counts, Map.of()));
    }

    @Test
    void slaAttainmentIsMetOfMetAndBreached() {
        Kpi.Value v = value("sla.attainment", Map.of("sla.met", 199L, "sla.breached", 1L));
        assertEquals(99.5, v.value());
        assertEquals(200, v.samples());
        assertNull(value("sla.attainment", Map.of()).value());
    }

    @Test
    void theBacklogIsEveryOpeningAndReopeningLessEveryResolutionSoFar() {
        assertEquals(7.0, value("tickets.backlog", Map.of("tickets.open-change.so-far", 7L)).value());
    }

    @Test
    void npsIsPromotersMinusDetractorsOfAnswers() {
        assertEquals(20.0, value("nps", Map.of("surveys.nps-answered", 10L, "surveys.nps-promoters", 5L,
                "surveys.nps-detractors", 3L)).value());
    }

    @Test
    void phoneRatesAreOfOfferedCalls() {
        Map<String, Long> calls = Map.of("calls.answered", 90L, "calls.abandoned", 10L, "calls.answered-in-service-level", 72L);
        assertEquals(72.0, value("phone.service-level", calls).value());
        assertEquals(10.0, value("phone.abandonment", calls).value());
    }

    @Test
    void theSatisfactionScoreIsOnTheFivePointScale() {
        Kpi.Value v = KpiCatalogue.find("satisfaction.score").orElseThrow().compute()
                .apply(inputs(Map.of(), Map.of("surveys.weighted-score", new Distribution(4, 482.5, 480, 500))));
        assertEquals(4.825, v.value());
    }

    @Test
    void statusComparesWithTheTargetInTheBetterDirection() {
        assertEquals(Status.ON_TARGET, Kpi.status(99.6, 99.5, Direction.HIGHER, 0.5));
        assertEquals(Status.AT_RISK, Kpi.status(99.2, 99.5, Direction.HIGHER, 0.5));
        assertEquals(Status.OFF_TARGET, Kpi.status(98.0, 99.5, Direction.HIGHER, 0.5));
        assertEquals(Status.ON_TARGET, Kpi.status(4.0, 5.0, Direction.LOWER, 2.0));
        assertEquals(Status.AT_RISK, Kpi.status(6.5, 5.0, Direction.LOWER, 2.0));
        assertEquals(Status.NO_TARGET, Kpi.status(null, 5.0, Direction.LOWER, 2.0));
    }

    @Test
    void theSeedsTargetsAreTheDefaults() {
        assertEquals(90.0, KpiCatalogue.find("csat").orElseThrow().defaultTarget());
        assertEquals(95.0, KpiCatalogue.find("resolution.rate").orElseThrow().defaultTarget());
        assertEquals(99.5, KpiCatalogue.find("first-response.attainment").orElseThrow().defaultTarget());
        assertEquals(80.0, KpiCatalogue.find("resolution.within-24h").orElseThrow().defaultTarget());
        assertEquals(4.8, KpiCatalogue.find("satisfaction.score").orElseThrow().defaultTarget());
        assertEquals(95.0, KpiCatalogue.find("onsite.same-day").orElseThrow().defaultTarget());
        assertEquals(Direction.HIGHER, KpiCatalogue.find("onsite.same-day").orElseThrow().better());
        assertTrue(KpiCatalogue.reading("tickets.opened").stream().anyMatch(k -> k.name().equals("complaints.per-1000")));
    }

    @Test
    void everyKpiSaysInWordsWhatItCountsOfWhatAndWhere() {
        Pattern events = Pattern.compile("\\bevents?\\b", Pattern.CASE_INSENSITIVE);
        List<String> undefined = new ArrayList<>();
        for (Kpi kpi : KpiCatalogue.all()) {
            Kpi.Definition d = kpi.definition();
            boolean needsDenominator = kpi.unit() != Kpi.Unit.COUNT;
            if (blank(d.numerator()) || blank(d.bucket()) || needsDenominator == blank(d.denominator())
                    || events.matcher(d.numerator() + " " + d.denominator() + " " + d.bucket()).find()) {
                undefined.add(kpi.name());
            }
        }
        assertEquals(List.of(), undefined, "KPIs whose definition is missing, lacks a part, or counts events");
    }

    @Test
    void breachesWarningsAndReopeningsAreBetterFewer() {
        for (String kpi : List.of("sla.breached", "sla.warnings", "tickets.reopened", "reopen.rate", "tickets.backlog",
                "phone.abandonment", "complaints.escalation-rate")) {
            assertEquals(Direction.LOWER, KpiCatalogue.find(kpi).orElseThrow().better(), kpi);
        }
    }

    @Test
    void aRateOfTicketsIsOfTicketsCountedOnceInTheSameBucket() {
        assertEquals(100.0, value("resolution.rate", Map.of("tickets.opened", 1L, "tickets.opened-resolved", 1L)).value());
        assertEquals(100.0, value("reopen.rate", Map.of("tickets.resolved", 1L, "tickets.resolved-reopened", 1L)).value());
        assertEquals(50.0, value("onsite.same-day", Map.of("onsite.requested", 2L, "onsite.completed-same-day", 1L))
                .value());
        assertFalse(KpiCatalogue.find("resolution.rate").orElseThrow().inputs().contains("tickets.resolved"),
                "resolutions of tickets opened elsewhere are no share of this bucket's openings");
    }

    /** The README's KPI table is this catalogue's: the same text, one source. */
    @Test
    void theReadmeKpiTableIsTheCatalogue() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readmeTable();
        assertTrue(readme.contains(table), "kpi-service/README.md must hold the catalogue's table:\n" + table);
    }

    static String readmeTable() {
        StringBuilder table = new StringBuilder("""
                | KPI | name | counts | of | bucket: when | unit | better | default target |
                |---|---|---|---|---|---|---|---|
                """);
        for (Kpi kpi : KpiCatalogue.all()) {
            Kpi.Definition d = kpi.definition();
            table.append("| `").append(kpi.name()).append("` | ").append(kpi.description()).append(" | ")
                    .append(d.numerator()).append(" | ").append(d.denominator() == null ? "—" : d.denominator())
                    .append(" | ").append(d.bucket()).append(" | ").append(kpi.unit().label).append(" | ")
                    .append(kpi.better().name().toLowerCase(Locale.ROOT)).append(" | ").append(target(kpi)).append(" |\n");
        }
        return table.toString();
    }

    private static String target(Kpi kpi) {
        if (kpi.defaultTarget() == null) {
            return "—";
        }
        return number(kpi.defaultTarget()) + (kpi.atRiskWithin() > 0 ? " (at risk within " + number(kpi.atRiskWithin()) + ")" : "");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
