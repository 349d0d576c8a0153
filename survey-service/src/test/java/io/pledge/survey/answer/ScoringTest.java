package io.pledge.survey.answer;

import io.pledge.survey.template.TemplateDefinition.Dimension;
import io.pledge.survey.template.TemplateDefinition.Questions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoringTest {

    private static final Questions CSAT_ONLY = new Questions(true, false, false, List.of(), false);
    private static final Questions WEIGHTED = new Questions(false, false, false, List.of(
            new Dimension("SERVICE_ATTITUDE", new BigDecimal("0.6")),
            new Dimension("RESPONSE_SPEED", new BigDecimal("0.4"))), false);

    @Test
    void csatFourAndFiveAreSatisfiedThreeNeutralBelowUnsatisfied() {
        assertEquals("SATISFIED", Scoring.score(CSAT_ONLY, 5, null, null, Map.of()).csatClass());
        assertEquals("SATISFIED", Scoring.score(CSAT_ONLY, 4, null, null, Map.of()).csatClass());
        assertEquals("NEUTRAL", Scoring.score(CSAT_ONLY, 3, null, null, Map.of()).csatClass());
        Scoring.Score two = Scoring.score(CSAT_ONLY, 2, null, null, Map.of());
        assertEquals("UNSATISFIED", two.csatClass());
        assertTrue(two.unsatisfied());
        assertNull(two.weightedScore());
    }

    @Test
    void npsPromotersPassivesAndDetractors() {
        assertEquals("PROMOTER", Scoring.score(CSAT_ONLY, 5, 9, null, Map.of()).npsClass());
        assertEquals("PASSIVE", Scoring.score(CSAT_ONLY, 5, 8, null, Map.of()).npsClass());
        assertEquals("PASSIVE", Scoring.score(CSAT_ONLY, 5, 7, null, Map.of()).npsClass());
        Scoring.Score six = Scoring.score(CSAT_ONLY, 5, 6, null, Map.of());
        assertEquals("DETRACTOR", six.npsClass());
        assertTrue(six.unsatisfied());
    }

    @Test
    void cesFiveToSevenIsEasyFourNeutralBelowDifficult() {
        assertEquals("EASY", Scoring.score(CSAT_ONLY, 5, null, 5, Map.of()).cesClass());
        assertEquals("NEUTRAL", Scoring.score(CSAT_ONLY, 5, null, 4, Map.of()).cesClass());
        assertEquals("DIFFICULT", Scoring.score(CSAT_ONLY, 5, null, 1, Map.of()).cesClass());
        assertFalse(Scoring.score(CSAT_ONLY, 5, null, 1, Map.of()).unsatisfied());
    }

    @Test
    void theWeightedScoreIsOnTheFivePointScaleAndBelowThreeIsUnsatisfied() {
        Scoring.Score good = Scoring.score(WEIGHTED, null, null, null, Map.of("SERVICE_ATTITUDE", 5, "RESPONSE_SPEED", 3));
        assertEquals(4.2, good.weightedScore());
        assertFalse(good.unsatisfied());
        Scoring.Score poor = Scoring.score(WEIGHTED, null, null, null, Map.of("SERVICE_ATTITUDE", 2, "RESPONSE_SPEED", 4));
        assertEquals(2.8, poor.weightedScore());
        assertTrue(poor.unsatisfied());
        assertEquals(List.of("SERVICE_ATTITUDE", "RESPONSE_SPEED"), List.copyOf(poor.dimensions().keySet()));
    }
}
