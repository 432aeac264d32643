-- The instance that holds a claimed message's lease: only it may mark the message sent or failed.
ALTER TABLE outbox ADD COLUMN lease_owner TEXT NULL;
