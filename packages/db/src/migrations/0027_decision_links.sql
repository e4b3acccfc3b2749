-- A decision may rest on a land option version and on a day's gate evaluation too (issue 21):
-- the two records the cell argues from most that a link could not name before.
alter table cell_decision_link drop constraint cell_decision_link_kind_check;
alter table cell_decision_link add constraint cell_decision_link_kind_check
  check (kind in ('plan','phase_rule','daily_report','incident','breach','control_area','finance_flow',
                  'land_option','gate_evaluation'));
