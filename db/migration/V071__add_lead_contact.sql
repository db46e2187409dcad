-- Delivered leads may come with their raw e-mail and phone instead of hashes (issue 16): we hash them by the
-- documented rules (README, "Matching hashes") and keep what was given. NULL when the lead file gave hashes only.
ALTER TABLE lead
    ADD COLUMN email      text,   -- trimmed and lower-cased, as hashed into email_hash
    ADD COLUMN phone      text,   -- E.164, as hashed into phone_hash
    ADD COLUMN phone_raw  text;   -- the phone number as the file gave it
