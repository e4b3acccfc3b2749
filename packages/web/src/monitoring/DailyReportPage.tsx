import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Yesterday, UTC: the last whole day. */
function yesterday(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

/** The daily report, rendered by the server for the signed-in reader, with a PDF beside it, in the page's own scroll. */
export function DailyReportPage({ date }: { readonly date: string | null }) {
  const { t } = useTranslation('monitoring');
  const [day, setDay] = useState(date ?? yesterday());
  const html = `/api/reports/daily?date=${day}&format=html`;
  const frame = useRef<HTMLIFrameElement>(null);
  // Fit the frame to the report whenever one loads (the listener stays as the day changes), and
  // to one that loaded before this ran.
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const fit = () => {
      const height = element.contentDocument?.documentElement.scrollHeight;
      if (height) element.style.height = `${height + 16}px`;
    };
    if (element.contentDocument?.readyState === 'complete' && element.contentDocument.body?.childElementCount)
      fit();
    element.addEventListener('load', fit);
    return () => element.removeEventListener('load', fit);
  }, []);
  return (
    <main className="page report-page">
      <div className="toolbar">
        <h1>{t('report.title')}</h1>
        <label className="field inline">
          {t('report.day')}
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
          {t('report.openAlone')}
        </a>
      </div>
      {/* As tall as the report (same origin), so the page scrolls as one, not a box inside it. */}
      <iframe
        ref={frame}
        className="report-frame"
        title={t('report.frameTitle', { day })}
        src={html}
        data-testid="daily-report"
        scrolling="no"
      />
    </main>
  );
}
