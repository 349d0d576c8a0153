package io.pledge.intake.promise;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClockKnowledgeTest {

    private static final Instant T0 = Instant.parse("2026-12-03T01:00:00Z");

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    /** What every order of {@code facts} leads to; fails unless all orders agree. */
    private static ClockKnowledge inEveryOrder(List<UnaryOperator<ClockKnowledge>> facts) {
        List<ClockKnowledge> results = new ArrayList<>();
        permute(new ArrayList<>(facts), 0, results);
        results.forEach(r -> assertEquals(results.get(0), r, "the order of the events changed the result"));
        return results.get(0);
    }

    private static void permute(List<UnaryOperator<ClockKnowledge>> facts, int from, List<ClockKnowledge> results) {
        if (from == facts.size()) {
            ClockKnowledge known = ClockKnowledge.of("FIRST_RESPONSE");
            for (UnaryOperator<ClockKnowledge> fact : facts) {
                known = fact.apply(known);
            }
            results.add(known);
            return;
        }
        for (int i = from; i < facts.size(); i++) {
            Collections.swap(facts, from, i);
            permute(facts, from + 1, results);
            Collections.swap(facts, from, i);
        }
    }

    @Test
    void aStartedClockPromisesItsDueInstant() {
        ClockKnowledge known = ClockKnowledge.of("FIRST_RESPONSE").started(at(0), at(240));
        assertEquals(Optional.of(at(240)), known.promisedBy());
    }

    @Test
    void aMetBeforeItsStartOnReplayStillEndsThePromise() {
        ClockKnowledge known = inEveryOrder(List.of(k -> k.started(at(0), at(240)), k -> k.stopped(at(30))));
        assertFalse(known.running());
        assertEquals(Optional.empty(), known.promisedBy());
    }

    @Test
    void aStopAloneMakesNoPromise() {
        assertFalse(ClockKnowledge.of("FIRST_RESPONSE").stopped(at(30)).running());
    }

    @Test
    void aNewCycleAfterAStopPromisesItsOwnDueInstantInAnyOrder() {
        ClockKnowledge known = inEveryOrder(List.of(
                k -> k.started(at(0), at(240)),
                k -> k.stopped(at(30)),
                k -> k.started(at(60), at(300))));
        assertTrue(known.running());
        assertEquals(Optional.of(at(300)), known.promisedBy());
    }

    @Test
    void aCancelledClockPromisesNothingWhateverCameBeforeOrAfter() {
        ClockKnowledge known = inEveryOrder(List.of(
                k -> k.started(at(0), at(240)),
                k -> k.cancelled(at(10)),
                k -> k.started(at(60), at(300))));
        assertFalse(known.running());
    }

    @Test
    void theSameCycleToldTwiceKeepsTheLaterDueInstantInAnyOrder() {
        ClockKnowledge known = inEveryOrder(List.of(k -> k.started(at(0), at(240)), k -> k.started(at(0), at(250))));
        assertEquals(Optional.of(at(250)), known.promisedBy());
    }
}
