package io.pledge.survey.answer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * A customer's answer. Every question the survey asks needs its score; the comment is optional.
 *
 * @param dimensions score 1–5 per dimension the survey names
 */
public record AnswerRequest(@Min(1) @Max(5) Integer csat,
                            @Min(0) @Max(10) Integer nps,
                            @Min(1) @Max(7) Integer ces,
                            @Size(max = 12) Map<String, @Min(1) @Max(5) Integer> dimensions,
                            @Size(max = 2000) String comment) {
}
