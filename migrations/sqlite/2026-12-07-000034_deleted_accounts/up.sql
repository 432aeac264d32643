-- When a person deleted their account (or an administrator did): the row stays for what it wrote
-- and did, without their address, name, password or language.
ALTER TABLE users ADD COLUMN deleted_at TIMESTAMP;
