/**
 * A hostile Ollama for issue 17: an HTTP proxy in front of the fake that injects terminal escape
 * sequences into EVERY string value of EVERY JSON answer (/api/version, /api/tags, /api/ps, /api/show,
 * /api/chat chunks incl. content, thinking, model and done_reason, /api/pull status lines) and into every
 * error body (`{"error": ...}`, status and mid-stream lines), plus the keys of free-form maps
 * (model_info). NDJSON streams are rewritten line by line as they arrive (streaming is preserved).
 *
 * Each injection is a COMPLETE sequence carrying a unique marker word, so a correct sanitizer removes it
 * whole and the app sees the original value: any marker in the terminal bytes or in a file is a leak.
 * Kept as is, because the protocol needs them exact: booleans and numbers, and `"status": "success"` of a
 * pull (ollama-js ends a pull on that exact string). OpenAI-compatible SSE streams (`data: {...}`) are
 * rewritten line by line too (`data: [DONE]` kept exact), so the same proxy stands in front of a fake vLLM.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Marker words that appear ONLY inside injected sequences. */
export const MARKERS = ['HOSTILEOSC52', 'SE9TVElMRUNMSVA', 'HOSTILETITLE', 'HOSTILEC1OSC', 'HOSTILEDCS', 'HOSTILEAPC', 'HOSTILEPM', 'HOSTILESOS'];

export const PAYLOADS = [
  '\u001B]52;c;SE9TVElMRUNMSVA=\u0007', // OSC 52 clipboard write (base64 of HOSTILECLIP)
  '\u001B]52;c;HOSTILEOSC52\u001B\\',
  '\u001B]0;HOSTILETITLE\u0007', // window title
  '\u001B[2J\u001B[3J\u001B[H', // clears
  '\u009B31m', // 8-bit CSI
  '\u009D0;HOSTILEC1OSC\u009C', // 8-bit OSC
  '\u001BPHOSTILEDCS\u001B\\', // DCS
  '\u0090HOSTILEDCS\u009C', // 8-bit DCS
  '\u001B_HOSTILEAPC\u001B\\', // APC
  '\u001B^HOSTILEPM\u001B\\', // PM
  '\u001BXHOSTILESOS\u001B\\', // SOS
  '\u0007\u0008', // BEL, BS
];

const ALL = PAYLOADS.join('');

export function inject(s: string): string {
  if (s === 'success') return s;
  return s === '' ? ALL : `${PAYLOADS[s.length % PAYLOADS.length]}${s.slice(0, 1)}${ALL}${s.slice(1)}${ALL}`;
}

export function poison(v: unknown, keys = false): unknown {
  if (typeof v === 'string') return inject(v);
  if (Array.isArray(v)) return v.map((x) => poison(x));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [keys ? inject(k) : k, poison(x, k === 'model_info')]));
  }
  return v;
}

function poisonText(text: string): string {
  try {
    return JSON.stringify(poison(JSON.parse(text)));
  } catch {
    return text;
  }
}

export interface HostileProxy {
  url: string;
  /** Paths answered so far (to prove every endpoint was exercised). */
  paths: Set<string>;
  close(): Promise<void>;
}

export async function startHostileProxy(upstream: string): Promise<HostileProxy> {
  const target = new URL(upstream);
  const paths = new Set<string>();
  const server = http.createServer((req, res) => {
    paths.add(req.url ?? '');
    const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
      const type = String(upRes.headers['content-type'] ?? '');
      const headers = { ...upRes.headers };
      delete headers['content-length'];
      res.writeHead(upRes.statusCode ?? 502, headers);
      if (/event-stream/.test(type)) {
        // OpenAI-compatible SSE: every `data:` JSON payload poisoned as it arrives ([DONE] kept exact)
        let pending = '';
        upRes.setEncoding('utf8');
        const line = (l: string): string => {
          const m = /^data: ?(.*)$/.exec(l);
          return m && m[1]!.trim() !== '[DONE]' ? `data: ${poisonText(m[1]!)}` : l;
        };
        upRes.on('data', (chunk: string) => {
          pending += chunk;
          let nl: number;
          while ((nl = pending.indexOf('\n')) >= 0) {
            const l = pending.slice(0, nl);
            pending = pending.slice(nl + 1);
            res.write(`${line(l)}\n`);
          }
        });
        upRes.on('end', () => res.end(pending ? line(pending) : undefined));
      } else if (/ndjson/.test(type)) {
        let pending = '';
        upRes.setEncoding('utf8');
        upRes.on('data', (chunk: string) => {
          pending += chunk;
          let nl: number;
          while ((nl = pending.indexOf('\n')) >= 0) {
            const line = pending.slice(0, nl);
            pending = pending.slice(nl + 1);
            res.write(line.trim() === '' ? '\n' : `${poisonText(line)}\n`);
          }
        });
        upRes.on('end', () => res.end(pending ? poisonText(pending) : undefined));
      } else {
        let body = '';
        upRes.setEncoding('utf8');
        upRes.on('data', (c: string) => (body += c));
        upRes.on('end', () => res.end(/json/.test(type) ? poisonText(body) : inject(body)));
      }
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
    res.on('close', () => up.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every leak in `text`: a marker word, or an injected introducer (OSC, DCS/APC/PM/SOS, 8-bit C1). */
export function leaks(text: string): string[] {
  const found: string[] = [];
  for (const m of MARKERS) if (text.includes(m)) found.push(m);
  const introducer = /\u001B[\]P_^X]|[\u0080-\u009F]/g;
  for (const m of text.matchAll(introducer)) found.push(JSON.stringify(text.slice(Math.max(0, m.index! - 20), m.index! + 30)));
  return found;
}
