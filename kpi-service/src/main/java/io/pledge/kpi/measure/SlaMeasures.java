package io.pledge.kpi.measure;

import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaClockStopped;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.sla.SlaWarning;
import io.pledge.contracts.sla.SlaWarningRetracted;

import java.time.Instant;
import java.util.List;

import static io.pledge.kpi.measure.EventMeasures.dimensionsOf;
import static io.pledge.kpi.measure.EventMeasures.metricName;

/**
 * SLA clocks in the KPIs. An outcome counts where its clock started (so that a late correction
 * changes the bucket the outcome was counted in); a warning where it was raised. A breach, each
 * warning and a first-response clock's stop are remembered as counted, so that the same one
 * announced twice counts once and a retraction or a corrected stop takes back exactly what was
 * counted, where it was counted.
 */
final class SlaMeasures {

    private static final String FIRST_RESPONSE = "FIRST_RESPONSE";
    private static final String BUSINESS_TIME = "first-response.business-time";

    private SlaMeasures() {
    }

    /** The first start seen is kept: the bucket of all the clock's outcomes. */
    static void started(SlaClockStarted started, Ledger ledger) {
        if (ledger.clockStarts().get(started.clock().clockId()) == null) {
            ledger.clockStarts().put(started.clock().clockId(), started.startedAt());
        }
    }

    static void met(SlaMet met, Instant at, Ledger ledger, List<Measure> m) {
        Instant bucket = startOf(met.clock(), at, ledger);
        List<Dimension> d = dimensionsOf(met.clock());
        m.add(Measure.count("sla.met", d, bucket));
        m.add(Measure.count("sla.met." + metricName(met.clock()), d, bucket));
        // sla.clock-stopped follows with the same figure; history from before it existed has only this
        if (FIRST_RESPONSE.equals(met.clock().metric()) && ledger.stops().get(met.clock().clockId()) == null) {
            m.add(Measure.observe(BUSINESS_TIME, d, bucket, met.elapsedSeconds()));
            ledger.stops().put(met.clock().clockId(), new CountedStop(met.elapsedSeconds(), bucket, d));
        }
    }

    /**
     * How long a first-response clock ran, met or breached: one value per clock, the latest
     * announced (a late event that moves the stop announces it again).
     */
    static void stopped(SlaClockStopped stopped, Ledger ledger, List<Measure> m) {
        if (!FIRST_RESPONSE.equals(stopped.clock().metric())) {
            return;
        }
        CountedStop counted = ledger.stops().get(stopped.clock().clockId());
        if (counted != null && counted.elapsedSeconds() == stopped.elapsedSeconds()) {
            return; // the stop sla.met announced, or the same one again
        }
        if (counted != null) {
            m.add(Measure.unobserve(BUSINESS_TIME, counted.countedIn(), counted.countedAt(), counted.elapsedSeconds()));
        }
        Instant bucket = startOf(stopped.clock(), stopped.cycleStartedAt(), ledger);
        List<Dimension> d = dimensionsOf(stopped.clock());
        m.add(Measure.observe(BUSINESS_TIME, d, bucket, stopped.elapsedSeconds()));
        ledger.stops().put(stopped.clock().clockId(), new CountedStop(stopped.elapsedSeconds(), bucket, d));
    }

    static void breached(SlaBreached breached, Instant at, Ledger ledger, List<Measure> m) {
        CountedAlarm.Key key = CountedAlarm.Key.breach(breached.clock().clockId());
        CountedAlarm counted = ledger.alarms().get(key);
        if (counted != null && counted.raisedAt().equals(breached.breachedAt())) {
            return; // announced again
        }
        Instant bucket = startOf(breached.clock(), at, ledger);
        List<Dimension> d = dimensionsOf(breached.clock());
        m.add(Measure.count("sla.breached", d, bucket));
        m.add(Measure.count("sla.breached." + metricName(breached.clock()), d, bucket));
        ledger.alarms().put(key, new CountedAlarm(breached.breachedAt(), bucket, d));
    }

    /** The corrected outcome follows as sla.met; the breach counted before is taken back. */
    static void breachRetracted(SlaBreachRetracted retracted, Ledger ledger, List<Measure> m) {
        CountedAlarm.Key key = CountedAlarm.Key.breach(retracted.clock().clockId());
        CountedAlarm counted = ledger.alarms().get(key);
        if (counted == null) {
            return; // never counted (or taken back already)
        }
        m.add(Measure.uncount("sla.breached", counted.countedIn(), counted.countedAt()));
        m.add(Measure.uncount("sla.breached." + metricName(retracted.clock()), counted.countedIn(), counted.countedAt()));
        ledger.alarms().remove(key);
    }

    static void warned(SlaWarning warning, Ledger ledger, List<Measure> m) {
        CountedAlarm.Key key = CountedAlarm.Key.warning(warning.clock().clockId(), warning.thresholdPercent());
        CountedAlarm counted = ledger.alarms().get(key);
        if (counted != null && counted.raisedAt().equals(warning.warnedAt())) {
            return; // announced again
        }
        List<Dimension> d = dimensionsOf(warning.clock());
        m.add(Measure.count("sla.warnings", d, warning.warnedAt()));
        ledger.alarms().put(key, new CountedAlarm(warning.warnedAt(), warning.warnedAt(), d));
    }

    /**
     * The warning counted for that clock and threshold is taken back. Not matched by instant: the
     * retraction's {@code warnedAt} is read off the corrected timeline and may differ from the
     * warning's own.
     */
    static void warningRetracted(SlaWarningRetracted retracted, Ledger ledger, List<Measure> m) {
        CountedAlarm.Key key = CountedAlarm.Key.warning(retracted.clock().clockId(), retracted.thresholdPercent());
        CountedAlarm counted = ledger.alarms().get(key);
        if (counted == null) {
            return; // never counted (or taken back already)
        }
        m.add(Measure.uncount("sla.warnings", counted.countedIn(), counted.countedAt()));
        ledger.alarms().remove(key);
    }

    private static Instant startOf(SlaClockFacts clock, Instant at, Ledger ledger) {
        Instant start = ledger.clockStarts().get(clock.clockId());
        return start != null ? start : at;
    }
}
