-- Zones a nation creates live in its namespace (ADR 0013): `sector-east@FRA`. Zones stored
-- before this (the demo's, the seed's) keep their shared ids. The check names the shape once
-- more, with the optional nation suffix.
alter table zone drop constraint zone_id_check;
alter table zone add constraint zone_id_check check (id ~ '^[a-z0-9][a-z0-9_-]{1,63}(@[A-Z]{3})?$');
