import { useState } from 'react';

/** Yesterday, UTC: the last whole day. */
function yesterday(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

/** The daily report, rendered by the server for the signed-in reader, with a PDF beside it. */
export function DailyReportPage({ date }: { readonly date: string | null }) {
  const [day, setDay] = useState(date ?? yesterday());
  const html = `/api/reports/daily?date=${day}&format=html`;
  return (
    <main className="page report-page">
      <div className="toolbar">
        <h1>Daily report</h1>
        <label className="field inline">
          Day (UTC)
          <input
            type="date"
            value={day}
            onChange={(e) => {
              if (!e.target.value) return;
              setDay(e.target.value);
              window.history.replaceState(null, '', `#/reports/daily/${e.target.value}`);
            }}
          />
        </label>
        <a href={`/api/reports/daily?date=${day}&format=pdf`} target="_blank" rel="noreferrer">
          PDF
        </a>
        <a href={html} target="_blank" rel="noreferrer">
          Open alone
        </a>
      </div>
      <iframe className="report-frame" title={`Daily report ${day}`} src={html} data-testid="daily-report" />
    </main>
  );
}
