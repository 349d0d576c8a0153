package io.pledge.complaint.complaint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** Builds the escalation matrix from {@code complaint.escalation.*}; a bad matrix fails the start. */
@ApplicationScoped
public class EscalationMatrixProducer {

    @Produces
    @Singleton
    EscalationMatrix matrix(ComplaintSettings settings) {
        ComplaintSettings.Escalation config = settings.escalation();
        List<EscalationMatrix.Level> levels = new ArrayList<>();
        for (ComplaintSettings.Escalation.Level level : config.levels()) {
            levels.add(new EscalationMatrix.Level(levels.size() + 1, level.name(), level.notified(), level.contactWithin()));
        }
        return new EscalationMatrix(levels,
                new EscalationMatrix.SeverityLine(config.severity().atLeast(), config.severity().toLevel()),
                new EscalationMatrix.RepeatLine(config.repeat().atCount(), config.repeat().toLevel()));
    }
}
