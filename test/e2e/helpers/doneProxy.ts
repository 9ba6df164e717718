/**
 * A loopback proxy in front of the fake Ollama that forwards everything and keeps the /api/chat done
 * objects it saw, so a test can compare what the screen shows with what the server really sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeOllama } from '../../../src/fake/server.js';

export interface DoneObject {
  model?: string;
  done: true;
  eval_count: number;
  eval_duration: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
}

export async function doneCapturingProxy(
  target: FakeOllama,
  cleanups: Array<() => Promise<void>>,
): Promise<{ url: string; dones: DoneObject[] }> {
  const dones: DoneObject[] = [];
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        let text = '';
        up.on('data', (d: Buffer) => {
          res.write(d);
          if (req.url?.startsWith('/api/chat')) text += d.toString('utf8');
        });
        up.on('end', () => {
          res.end();
          for (const line of text.split('\n')) {
            if (!line.includes('"done":true')) continue;
            try {
              const obj = JSON.parse(line) as DoneObject;
              if (typeof obj.eval_count === 'number') dones.push(obj);
            } catch {
              // not a complete line
            }
          }
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  server.on('connection', (s) => cleanups.push(async () => void s.destroy()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, dones };
}
