package io.pledge.survey.answer;

import io.pledge.survey.template.TemplateDefinition;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores and classifications as the industry uses them: CSAT 4–5 of 5 satisfied, 3 neutral, 1–2
 * unsatisfied; NPS 9–10 promoter, 7–8 passive, 0–6 detractor; CES (1–7, "easy to get help"
 * agreement) 5–7 easy, 4 neutral, 1–3 difficult; the dimensions' weighted score on the 5-point
 * scale. An answer is unsatisfied (the loop reopens) when CSAT is unsatisfied, NPS a detractor,
 * or the weighted score below 3.
 */
public final class Scoring {

    /** Below this weighted score an answer counts as unsatisfied. */
    static final BigDecimal UNSATISFIED_BELOW = BigDecimal.valueOf(3);

    public record Score(Integer csat, Integer nps, Integer ces, Map<String, Integer> dimensions, Double weightedScore,
                        String csatClass, String npsClass, String cesClass, boolean unsatisfied) {
    }

    public static Score score(TemplateDefinition.Questions questions, Integer csat, Integer nps, Integer ces,
                              Map<String, Integer> dimensions) {
        String csatClass = csat == null ? null : csat >= 4 ? "SATISFIED" : csat == 3 ? "NEUTRAL" : "UNSATISFIED";
        String npsClass = nps == null ? null : nps >= 9 ? "PROMOTER" : nps >= 7 ? "PASSIVE" : "DETRACTOR";
        String cesClass = ces == null ? null : ces >= 5 ? "EASY" : ces == 4 ? "NEUTRAL" : "DIFFICULT";
        BigDecimal weighted = null;
        Map<String, Integer> ordered = new LinkedHashMap<>();
        if (!questions.dimensions().isEmpty()) {
            weighted = BigDecimal.ZERO;
            for (TemplateDefinition.Dimension dimension : questions.dimensions()) {
                int value = dimensions.get(dimension.name());
                ordered.put(dimension.name(), value);
                weighted = weighted.add(dimension.weight().multiply(BigDecimal.valueOf(value)));
            }
            weighted = weighted.setScale(2, RoundingMode.HALF_UP);
        }
        boolean unsatisfied = "UNSATISFIED".equals(csatClass) || "DETRACTOR".equals(npsClass)
                || (weighted != null && weighted.compareTo(UNSATISFIED_BELOW) < 0);
        return new Score(csat, nps, ces, ordered, weighted == null ? null : weighted.doubleValue(), csatClass, npsClass,
                cesClass, unsatisfied);
    }

    private Scoring() {
    }
}
