// Progress of a long CLI command on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise.

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** What is being done, e.g. "import". */
  label: string;
  /** What is counted, e.g. "rows", "cases". */
  unit: string;
  /** How many in all, when known before the end (else pass `fraction` to update()). */
  total?: number;
  stream?: ProgressStream;
  /** Plain mode: at most one line per this many milliseconds (default 5 s). */
  plainIntervalMs?: number;
  now?: () => number;
}

export interface Progress {
  /** `done` items so far; `fraction` (0-1) of the work when the total is not a count (e.g. bytes read). */
  update(done: number, fraction?: number): void;
  /** The last line: how many, how long, how fast. */
  finish(note?: string): void;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

const count = (value: number) => value.toLocaleString('en-US');

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0
    ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
    : `${m}:${String(s).padStart(2, '0')}`;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => Date.now());
  const isTty = stream.isTTY === true;
  const plainInterval = options.plainIntervalMs ?? 5_000;
  const started = now();
  let lastDrawn = 0;
  let done = 0;
  let fraction: number | undefined;
  let hasDrawn = false;

  const describe = (): string => {
    const elapsed = Math.max(1, now() - started);
    const rate = (done * 1000) / elapsed;
    const share = fraction ?? (options.total ? done / options.total : undefined);
    const parts = [
      `${count(done)}${options.total !== undefined ? `/${count(options.total)}` : ''} ${options.unit}`,
      `${count(Math.round(rate))}/s`,
    ];
    if (share !== undefined && share > 0 && share < 1) parts.push(`ETA ${duration((elapsed / share) * (1 - share))}`);
    if (share === undefined) return `${options.label}  ${parts.join('  ')}`;
    const clamped = Math.min(1, Math.max(0, share));
    if (!isTty) return `${options.label}: ${Math.floor(clamped * 100)}%  ${parts.join('  ')}`;
    const filled = Math.round(clamped * BAR_WIDTH);
    return `${options.label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(clamped * 100)).padStart(3)}%  ${parts.join('  ')}`;
  };

  const draw = () => {
    const line = describe();
    if (isTty) {
      const width = stream.columns && stream.columns > 10 ? stream.columns - 1 : line.length;
      stream.write(`\r\x1b[2K${line.slice(0, width)}`);
    } else {
      stream.write(`${line}\n`);
    }
    hasDrawn = true;
  };

  return {
    update(value, share) {
      done = value;
      fraction = share;
      const t = now();
      if (t - lastDrawn < (isTty ? REDRAW_MS : plainInterval)) return;
      // The first plain line waits a whole interval: short runs print only the final line.
      if (!isTty && lastDrawn === 0) {
        lastDrawn = started;
        if (t - started < plainInterval) return;
      }
      lastDrawn = t;
      draw();
    },
    finish(note) {
      const elapsed = now() - started;
      const rate = elapsed > 0 ? Math.round((done * 1000) / elapsed) : done;
      const line = `${options.label}: ${count(done)} ${options.unit} in ${(elapsed / 1000).toFixed(1)} s (${count(rate)}/s)${note ? `; ${note}` : ''}`;
      stream.write(isTty && hasDrawn ? `\r\x1b[2K${line}\n` : `${line}\n`);
    },
  };
}
