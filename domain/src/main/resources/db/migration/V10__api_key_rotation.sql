-- Rotation of an API key: the key that replaced it (the old one stays valid until its shortened expiry).
ALTER TABLE identity.api_keys ADD COLUMN rotated_to uuid;
