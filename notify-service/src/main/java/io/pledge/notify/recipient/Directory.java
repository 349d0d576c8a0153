package io.pledge.notify.recipient;

import java.util.List;
import java.util.Optional;

/** Who is who for alerts: the staff directory as the rules ask it. */
public interface Directory {

    Optional<Staff> byId(String id);

    /** Those who lead {@code team}. */
    List<Staff> teamLeads(String team);

    /** The supervisors of {@code department}. */
    List<Staff> supervisors(String department);

    /**
     * The owners of complaint escalation level {@code level} for a ticket of {@code department}:
     * those who own the level and supervise that department, and those who own it company-wide
     * (they supervise no department: a management committee, a mediation liaison). For a ticket
     * whose department is not known, every owner of the level: better one too many than nobody.
     */
    List<Staff> levelOwners(int level, String department);
}
