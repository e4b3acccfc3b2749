/** The header row of a table, the one way every screen writes it. */
import type { ReactNode } from 'react';

/** A column: its heading, or the heading of a column of numbers (set right). */
export type Column = string | { readonly num: ReactNode };

/** `<thead>` with one column heading per entry, each `scope="col"`. */
export function TableHead({ columns }: { readonly columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) =>
          typeof c === 'string' ? (
            <th key={c} scope="col">
              {c}
            </th>
          ) : (
            <th key={String(c.num)} scope="col" className="num">
              {c.num}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
