package io.pledge.complaint.complaint;


import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The escalation levels of the complaint procedure (default L1 handling department → L2
 * supervisor → L3 customer-satisfaction management committee → L4 third-party mediation), each
 * with who is told and how long it has to reach the customer, and the lines that escalate a
 * complaint by themselves: a severity, a repeat count.
 */
public final class EscalationMatrix {

    /** The event contracts carry levels 1 to 4. */
    public static final int MOST_LEVELS = 4;

    public record Level(int number, String name, List<String> notified, Duration contactWithin) {
    }

    /** A line that, once crossed, escalates a complaint to {@code toLevel}. */
    public record SeverityLine(Severity atLeast, int toLevel) {
    }

    public record RepeatLine(int atCount, int toLevel) {
    }

    private final List<Level> levels;
    private final SeverityLine severityLine;
    private final RepeatLine repeatLine;

    public EscalationMatrix(List<Level> levels, SeverityLine severityLine, RepeatLine repeatLine) {
        if (levels.isEmpty() || levels.size() > MOST_LEVELS) {
            throw new IllegalArgumentException("the escalation matrix needs 1 to " + MOST_LEVELS + " levels, not "
                    + levels.size());
        }
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).number() != i + 1) {
                throw new IllegalArgumentException("levels are numbered 1, 2, ... in order");
            }
            if (levels.get(i).contactWithin().isNegative() || levels.get(i).contactWithin().isZero()) {
                throw new IllegalArgumentException("level " + (i + 1) + " needs a positive contact time");
            }
        }
        checkLevel(severityLine.toLevel(), levels.size(), "severity");
        checkLevel(repeatLine.toLevel(), levels.size(), "repeat");
        if (repeatLine.atCount() < 2) {
            throw new IllegalArgumentException("a repeat line counts from the 2nd complaint");
        }
        this.levels = List.copyOf(levels);
        this.severityLine = severityLine;
        this.repeatLine = repeatLine;
    }

    private static void checkLevel(int level, int top, String line) {
        if (level < 2 || level > top) {
            throw new IllegalArgumentException("the " + line + " line must escalate to a level from 2 to " + top);
        }
    }

    public Level level(int number) {
        return levels.get(number - 1);
    }

    public int top() {
        return levels.size();
    }

    public List<Level> levels() {
        return levels;
    }

    /** The level one above {@code current}; empty at the top, which cannot be exceeded. */
    public Optional<Level> above(int current) {
        return current < top() ? Optional.of(level(current + 1)) : Optional.empty();
    }

    /** When a complaint that reached {@code level} at {@code from} must have been contacted. */
    public Instant contactBy(int level, Instant from) {
        return from.plus(level(level).contactWithin());
    }

    /** The level a complaint of this severity must be at least at; empty below the line. */
    public Optional<Level> forSeverity(Severity severity) {
        return severity.compareTo(severityLine.atLeast()) <= 0 ? Optional.of(level(severityLine.toLevel()))
                : Optional.empty();
    }

    /** The level a customer's {@code count}-th complaint within the window must be at least at. */
    public Optional<Level> forRepeat(int count) {
        return count >= repeatLine.atCount() ? Optional.of(level(repeatLine.toLevel())) : Optional.empty();
    }
}
