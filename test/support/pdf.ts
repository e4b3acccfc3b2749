import { execFileSync } from 'node:child_process';

/**
 * The text a reader sees in a PDF, extracted by poppler's `pdftotext` (Debian's
 * poppler-utils, installed by .ci/run). PDF page content is compressed and written as glyph
 * codes, so searching the raw bytes for a word finds nothing even when the page shows it.
 */
export function pdfToText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 << 20 }).toString(
    'utf8',
  );
}
