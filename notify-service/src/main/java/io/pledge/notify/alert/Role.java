package io.pledge.notify.alert;

/** Whom a rule alerts, relative to the event. */
public enum Role {
    /** The ticket's agent (an SLA clock's agent). */
    ASSIGNEE,
    /** Those who lead the ticket's team. */
    TEAM_LEAD,
    /** The supervisors of the ticket's department. */
    DEPARTMENT_SUPERVISOR,
    /** The owners of the complaint's new escalation level (complaint.escalated). */
    LEVEL_OWNER,
    /** The staff directory id a disabled webhook subscription names as its contact. */
    SUBSCRIPTION_OWNER
}
