import type { CotErrorCode } from './errors.ts';
import { DEFAULT_COT_LIMITS, utf8Length } from './xml.ts';

/** One result of framing: a complete `<event>` document, or a dropped one and why. */
export type CotFrame =
  | { readonly kind: 'event'; readonly xml: string }
  | {
      readonly kind: 'dropped';
      readonly code: Extract<CotErrorCode, 'cot.too_large' | 'cot.malformed' | 'cot.truncated'>;
      readonly reason: string;
      /** The first characters of what was dropped, for the log. */
      readonly excerpt: string;
    };

const EVENT_START = /<event[\s/>]/g;
/** Either this event's end tag, or the start of the next event (so this one was cut). */
const EVENT_END_OR_NEXT = /<\/event\s*>|<event[\s/>]/g;

/**
 * Splits a TCP stream of CoT into `<event>` documents. TAK clients send events back to
 * back with no delimiter, several to a chunk or one across many, with or without an
 * `<?xml?>` declaration each; so the framer looks for `<event` … `</event>` (or `/>`),
 * skips what lies between events, and bounds what it holds to one event of
 * `maxEventBytes` plus the latest chunk. Push bytes or strings, not both on one stream.
 */
export class CotStreamFramer {
  readonly #decoder = new TextDecoder('utf-8');
  readonly #maxEventBytes: number;
  /** Pending text; while #inEvent it starts with `<event`. */
  #buffer = '';
  #inEvent = false;
  /** Where scanning resumes in #buffer, so a byte-at-a-time stream is not rescanned. */
  #scan = 0;
  #quote: string | undefined;
  #startTagClosed = false;

  /** @param maxEventBytes events larger than this are dropped with `cot.too_large`. */
  constructor(maxEventBytes: number = DEFAULT_COT_LIMITS.maxEventBytes) {
    this.#maxEventBytes = maxEventBytes;
  }

  /** Characters held for an unfinished event: a connection's backlog, bounded by `maxEventBytes` plus one chunk. */
  get pendingChars(): number {
    return this.#buffer.length;
  }

  /** Feed a chunk; returns the events it completed (UTF-8 split mid-character is fine). */
  push(chunk: Uint8Array | string): CotFrame[] {
    this.#buffer += typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    return this.#drain();
  }

  /** The stream has ended: returns what was left, reporting a half-received event as dropped. */
  end(): CotFrame[] {
    this.#buffer += this.#decoder.decode();
    const frames = this.#drain();
    if (this.#inEvent) {
      frames.push(
        this.#drop('cot.truncated', 'the stream ended in the middle of an event', this.#buffer.length),
      );
    }
    this.#buffer = '';
    return frames;
  }

  #drain(): CotFrame[] {
    const frames: CotFrame[] = [];
    for (;;) {
      if (!this.#inEvent && !this.#seekEventStart()) return frames;
      const step = this.#scanEvent();
      if (step === 'more') {
        if (this.#buffer.length > this.#maxEventBytes) {
          // Resume at the last '<': an event start can only lie beyond what was scanned.
          const resume = Math.max(1, this.#buffer.lastIndexOf('<'));
          frames.push(this.#drop('cot.too_large', `event larger than ${this.#maxEventBytes} bytes`, resume));
        }
        return frames;
      }
      if (step.kind === 'complete') {
        const xml = this.#buffer.slice(0, step.end);
        frames.push(
          utf8Length(xml, this.#maxEventBytes) > this.#maxEventBytes
            ? this.#drop('cot.too_large', `event larger than ${this.#maxEventBytes} bytes`, step.end)
            : this.#take(xml, step.end),
        );
      } else {
        frames.push(this.#drop(step.code, step.reason, step.at));
      }
    }
  }

  /** Skip to the next `<event`; keep only a tail that could still become one. */
  #seekEventStart(): boolean {
    EVENT_START.lastIndex = 0;
    const found = EVENT_START.exec(this.#buffer);
    if (!found) {
      const lastLt = this.#buffer.lastIndexOf('<');
      const tail = lastLt >= 0 ? this.#buffer.slice(lastLt) : '';
      this.#buffer = '<event'.startsWith(tail) ? tail : '';
      return false;
    }
    this.#buffer = this.#buffer.slice(found.index);
    this.#inEvent = true;
    this.#scan = '<event'.length;
    this.#quote = undefined;
    this.#startTagClosed = false;
    return true;
  }

  #scanEvent():
    | 'more'
    | { readonly kind: 'complete'; readonly end: number }
    | {
        readonly kind: 'bad';
        readonly code: 'cot.malformed' | 'cot.truncated';
        readonly reason: string;
        readonly at: number;
      } {
    const buffer = this.#buffer;
    if (!this.#startTagClosed) {
      for (let i = this.#scan; i < buffer.length; i++) {
        const c = buffer[i];
        // '<' is illegal inside an attribute value, so it always means the start tag broke off.
        if (c === '<')
          return { kind: 'bad', code: 'cot.malformed', reason: 'the <event> start tag is not closed', at: i };
        if (this.#quote !== undefined) {
          if (c === this.#quote) this.#quote = undefined;
        } else if (c === '"' || c === "'") {
          this.#quote = c;
        } else if (c === '>') {
          if (buffer[i - 1] === '/') return { kind: 'complete', end: i + 1 };
          this.#startTagClosed = true;
          this.#scan = i + 1;
          break;
        }
      }
      if (!this.#startTagClosed) {
        this.#scan = buffer.length;
        return 'more';
      }
    }
    EVENT_END_OR_NEXT.lastIndex = this.#scan;
    const found = EVENT_END_OR_NEXT.exec(buffer);
    if (!found) {
      // A partial match can only start at the last '<', so resume there.
      this.#scan = Math.max(this.#scan, buffer.lastIndexOf('<'));
      return 'more';
    }
    if (found[0].startsWith('</')) return { kind: 'complete', end: found.index + found[0].length };
    return {
      kind: 'bad',
      code: 'cot.truncated',
      reason: 'a new event began before </event>',
      at: found.index,
    };
  }

  #take(xml: string, end: number): CotFrame {
    this.#consume(end);
    return { kind: 'event', xml };
  }

  #drop(code: Extract<CotFrame, { kind: 'dropped' }>['code'], reason: string, end: number): CotFrame {
    const excerpt = this.#buffer.slice(0, Math.min(end, 120));
    this.#consume(end);
    return { kind: 'dropped', code, reason, excerpt };
  }

  #consume(end: number): void {
    this.#buffer = this.#buffer.slice(end);
    this.#inEvent = false;
  }
}
