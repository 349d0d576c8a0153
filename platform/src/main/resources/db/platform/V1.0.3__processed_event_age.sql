-- Issue #17: processed_event no longer grows forever. ProcessedEventRetention deletes the ids older
-- than pledge.events.processed-retention a batch at a time; this index lets it find them without
-- reading the whole table (tens of millions of rows at a busy centre).
create index processed_event_processed_at on processed_event (processed_at);
