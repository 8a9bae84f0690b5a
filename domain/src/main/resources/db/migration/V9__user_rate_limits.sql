-- A user's own rate limits per endpoint class, as "read=100/60,write=20/60" (null: the configured defaults).
ALTER TABLE identity.users ADD COLUMN rate_limits varchar(200);
