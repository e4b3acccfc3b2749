-- Keyset paging (docs/adr/0021-keyset-paging.md). The incident list reads newest first,
-- (start_at, id) descending with the id as the unique tiebreak, and a page after a cursor is
-- `(start_at, id) < (cursor)`: this index walks it from the cursor without sorting, however
-- deep the page. The audit list pages on its primary key (seq) and needs nothing more.
create index incident_list_idx on incident (start_at desc, id desc) where merged_into is null;
