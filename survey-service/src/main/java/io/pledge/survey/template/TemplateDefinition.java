package io.pledge.survey.template;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A survey template: when it applies (trigger, channels, categories; empty lists match all) and
 * what it asks: CSAT (1–5), NPS (0–10), CES (1–7), satisfaction dimensions with weights summing to
 * 1 (each 1–5; the weighted score is on the 5-point scale), and a free-text comment.
 */
public record TemplateDefinition(@NotBlank @Size(max = 200) String name,
                                 @NotNull @Valid Conditions conditions,
                                 @NotNull @Valid Questions questions) {

    public record Conditions(@NotNull Trigger trigger, @Size(max = 10) List<@NotNull Channel> channels,
                             @Size(max = 10) List<@NotNull Category> categories) {

        public Conditions {
            channels = channels == null ? List.of() : List.copyOf(channels);
            categories = categories == null ? List.of() : List.copyOf(categories);
        }
    }

    public record Questions(boolean csat, boolean nps, boolean ces,
                            @Size(max = 12) List<@NotNull @Valid Dimension> dimensions, boolean comment) {

        public Questions {
            dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        }
    }

    public record Dimension(@NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}") String name,
                            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") BigDecimal weight) {
    }

    public boolean matches(Trigger trigger, Channel channel, Category category) {
        return conditions.trigger() == trigger
                && (conditions.channels().isEmpty() || conditions.channels().contains(channel))
                && (conditions.categories().isEmpty() || conditions.categories().contains(category));
    }

    /**
     * What annotations cannot say: at least one scored question, dimension names unique, weights
     * summing to exactly 1.
     *
     * @return the problems, empty when there are none
     */
    public List<String> problems() {
        Questions q = questions;
        if (!q.csat() && !q.nps() && !q.ces() && q.dimensions().isEmpty()) {
            return List.of("a template asks at least one of csat, nps, ces or dimensions");
        }
        Set<String> names = new HashSet<>();
        for (Dimension d : q.dimensions()) {
            if (!names.add(d.name())) {
                return List.of("dimension " + d.name() + " is given twice");
            }
        }
        if (!q.dimensions().isEmpty()) {
            BigDecimal sum = q.dimensions().stream().map(Dimension::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(BigDecimal.ONE) != 0) {
                return List.of("dimension weights must sum to 1, not " + sum.stripTrailingZeros().toPlainString());
            }
        }
        return List.of();
    }
}
