-- Idle expiry of sessions, and per-account lockout after repeated failed sign-ins.

-- When the session was last used; a session unused for SESSION_IDLE_MINUTES is over, as is
-- one past expires_at (the absolute limit, SESSION_TTL_HOURS from sign-in).
alter table user_session add column last_seen_at timestamptz not null default now();

-- Failed sign-ins by the username typed, known or not (so a lockout does not tell which
-- usernames exist), from any address. Rows older than the lockout window (any username's)
-- are pruned as new ones are written; a successful sign-in or an admin's enable clears the
-- user's rows.
create table sign_in_failure (
  username text not null,
  at timestamptz not null
);
create index sign_in_failure_username_at_idx on sign_in_failure (username, at);
create index sign_in_failure_at_idx on sign_in_failure (at);
