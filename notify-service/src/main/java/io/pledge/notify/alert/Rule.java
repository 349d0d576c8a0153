package io.pledge.notify.alert;

/** A stored alert rule: its id and definition. */
public record Rule(String id, RuleDefinition definition) {
}
