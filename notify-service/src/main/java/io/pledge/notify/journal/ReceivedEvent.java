package io.pledge.notify.journal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * An event as notify-service keeps it: what its webhook filters and alert rules look at, and the
 * CloudEvent a receiver gets.
 *
 * @param seq         the order in which notify-service received it
 * @param publishedAt the Kafka record's timestamp
 * @param team        the ticket's team, when the event names one (likewise department, category...)
 * @param sourceSystem the system that opened the ticket, when known
 * @param data        the event's data, as published
 */
public record ReceivedEvent(long seq, String eventId, String type, String subject, Instant occurredAt,
                            Instant publishedAt, String team, String department, String category,
                            String priority, String agent, String sourceSystem, JsonNode data) {
}

