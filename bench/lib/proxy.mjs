// A pass-through HTTP proxy in front of the fake Ollama that counts streamed tokens (NDJSON lines with
// done:false and some text) on /api/chat and /api/generate. The counting costs the bench process, not the
// client being measured, and needs nothing from the client's UI.
import http from 'node:http';

export async function startTokenProxy(targetUrl) {
  const target = new URL(targetUrl);
  const stats = { tokens: 0, thinkingTokens: 0, answerTokens: 0, chats: 0, activeStreams: 0, firstTokenAt: 0, lastTokenAt: 0, requests: 0 };

  const server = http.createServer((req, res) => {
    stats.requests++;
    const counting = req.url?.startsWith('/api/chat') || req.url?.startsWith('/api/generate');
    if (counting) {
      stats.chats++;
      stats.activeStreams++;
    }
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      if (counting) stats.activeStreams--;
    };
    const upstream = http.request(
      { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        let partial = '';
        upRes.on('data', (chunk) => {
          if (counting) {
            partial += chunk.toString('utf8');
            let nl = partial.indexOf('\n');
            while (nl >= 0) {
              countLine(partial.slice(0, nl));
              partial = partial.slice(nl + 1);
              nl = partial.indexOf('\n');
            }
          }
          res.write(chunk);
        });
        upRes.on('end', () => {
          if (counting && partial) countLine(partial);
          res.end();
          finish();
        });
        upRes.on('error', () => {
          res.destroy();
          finish();
        });
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
      finish();
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
      finish();
    });
    req.pipe(upstream);
  });

  function countLine(line) {
    if (!line.trim()) return;
    try {
      const obj = JSON.parse(line);
      if (obj.done) return;
      const answer = (obj.message?.content ?? '') + (obj.response ?? '');
      const thinking = (obj.message?.thinking ?? '') + (obj.thinking ?? '');
      if (!answer && !thinking) return;
      stats.tokens++;
      // a chunk with reasoning counts as reasoning (the fake sends one or the other)
      if (thinking) stats.thinkingTokens++;
      else stats.answerTokens++;
      const now = performance.now();
      if (!stats.firstTokenAt) stats.firstTokenAt = now;
      stats.lastTokenAt = now;
    } catch {
      // not JSON: ignore
    }
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
