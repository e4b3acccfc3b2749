-- Security beside money (issue 18): the parameters of the investment-risk note per region,
-- kept as data so the cell can state and change them (ADR 0043). Each is a plain number with
-- its meaning; the note shows every input and weight it used. Not labelled: the rule is the
-- same for every reader and says nothing about any record. Changes are audited.
create table investment_risk_parameter (
  key text primary key,
  value numeric(12, 4) not null check (value >= 0),
  unit text not null,
  description text not null,
  updated_by text,
  updated_at timestamptz
);
insert into investment_risk_parameter (key, value, unit, description) values
  ('weight_incidents', 0.5, 'weight', 'Weight of the verified incident rate in the note'),
  ('weight_gate', 0.3, 'weight', 'Weight of the ceasefire status of the sectors over the region'),
  ('weight_routes', 0.2, 'weight', 'Weight of the risk on the supply routes in the region'),
  ('window_days', 30, 'days', 'Incidents are counted over this many days up to the day of the note'),
  ('incidents_saturation_per_100k', 2, 'incidents per 100,000 residents', 'The weighted incident rate at which the incident input is at its highest (1)'),
  ('incidents_saturation_count', 20, 'incidents', 'Where no population is loaded: the weighted incident count at which the input is at its highest (1)'),
  ('state_verified', 1, 'share', 'How much a verified or attributed incident counts'),
  ('state_corroborated', 0.5, 'share', 'How much a corroborated (not yet verified) incident counts'),
  ('state_reported', 0.25, 'share', 'How much a single-source reported incident counts'),
  ('gate_fragile', 0.5, 'share', 'Gate input when the worst sector over the region is fragile'),
  ('gate_broken', 1, 'share', 'Gate input when the worst sector over the region is broken'),
  ('gate_unmonitored', 0.5, 'share', 'Gate input when no monitored sector covers the region'),
  ('routes_saturation', 10, 'route risk score', 'The highest segment risk in the region at which the route input is at its highest (1)');
grant select, update on investment_risk_parameter to guarantor_app;
