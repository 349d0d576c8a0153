package io.pledge.kpi.catalogue;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A KPI: what it counts, in words; how it is computed from base counters and distributions; its
 * unit; and its default target (blueprint §5) with the direction that is better.
 *
 * @param name its id, e.g. {@code resolution.rate}
 * @param description its name as dashboards title it
 * @param inputs the base counters and distributions it reads (a change to one re-publishes it)
 * @param compute value and sample count from the inputs of one bucket and dimension value
 * @param defaultTarget null: no target
 * @param atRiskWithin how far on the wrong side of the target still counts as "at risk"
 */
public record Kpi(String name, String description, Definition definition, Unit unit, List<String> inputs,
                  Function<Inputs, Value> compute, Double defaultTarget, Direction better, double atRiskWithin) {

    public Kpi {
        Objects.requireNonNull(definition, () -> name + " has no definition");
    }

    /**
     * What a KPI counts, in words a supervisor reads: what its numerator and denominator are made of
     * (tickets, calls, complaints, survey answers, visits, SLA clocks — each counted once), and the
     * moment whose bucket a case lands in. One text, shown by the API, the dashboard and the README.
     *
     * @param numerator what is counted, or for a distribution what is measured of each case
     * @param denominator what the numerator is a share of, or the cases a distribution is made of;
     *                    null for a count
     * @param bucket the moment whose hour, day, week and month a case counts in
     */
    public record Definition(String numerator, String denominator, String bucket) {
    }

    public enum Unit {
        COUNT("count"), PERCENT("percent"), SECONDS("seconds"), SCORE("score"), PER_1000("per-1000");

        public final String label;

        Unit(String label) {
            this.label = label;
        }
    }

    public enum Direction { HIGHER, LOWER }

    public enum Status { ON_TARGET, AT_RISK, OFF_TARGET, NO_TARGET }

    /** A computed value (null when there is nothing to compute it from) and how many cases it rests on. */
    public record Value(Double value, long samples) {

        public static final Value NONE = new Value(null, 0);
    }

    /** The base values of one bucket and dimension value. */
    public interface Inputs {
        long count(String counter);

        /** The counter summed over this bucket and every earlier one (e.g. tickets open at the bucket's end). */
        long cumulative(String counter);

        /** The distribution's statistics, or null when nothing was recorded. */
        Distribution distribution(String name);
    }

    /** What the KPIs read from a distribution. */
    public record Distribution(long count, double mean, long p50, long p90) {
    }

    /** Judges {@code value} against {@code target} (null: no target). */
    public static Status status(Double value, Double target, Direction better, double atRiskWithin) {
        if (target == null || value == null) {
            return Status.NO_TARGET;
        }
        double shortfall = better == Direction.HIGHER ? target - value : value - target;
        if (shortfall <= 0) {
            return Status.ON_TARGET;
        }
        return shortfall <= atRiskWithin ? Status.AT_RISK : Status.OFF_TARGET;
    }
}
