package io.pledge.complaint.complaint;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * complaint-service's own settings ({@code complaint.*} in application.properties, where every
 * key is documented). Unknown keys under {@code complaint.} fail the start.
 */
@ConfigMapping(prefix = "complaint")
public interface ComplaintSettings {

    /** How far back an earlier complaint of the same customer makes a new one a repeat. */
    @WithDefault("P30D")
    Duration repeatWindow();

    Escalation escalation();

    FollowUp followUp();

    interface Escalation {

        /** L1, L2...: at most 4 (the event contracts' range). */
        List<Level> levels();

        SeverityLine severity();

        RepeatLine repeat();

        interface Level {
            String name();

            /** Who is told when a complaint reaches this level. */
            List<String> notified();

            /** How long the level has to reach the customer; for L1 this is the acknowledgement deadline. */
            Duration contactWithin();
        }

        interface SeverityLine {
            /** A complaint this severe or worse escalates... */
            Severity atLeast();

            /** ...to this level. */
            int toLevel();
        }

        interface RepeatLine {
            /** The customer's Nth complaint within the repeat window escalates... */
            int atCount();

            /** ...to this level. */
            int toLevel();
        }
    }

    interface FollowUp {
        /** The follow-up visit is due this many working days (Monday–Friday) after acceptance. */
        @WithDefault("3")
        int withinWorkingDays();

        /** The zone in which working days are counted. */
        @WithDefault("Asia/Shanghai")
        ZoneId timeZone();

        /** Whole local dates that are not working days. */
        Optional<List<LocalDate>> holidays();
    }
}
