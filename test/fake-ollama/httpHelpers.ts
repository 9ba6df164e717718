/** Small HTTP helpers for tests that talk to the fake server. */

/** POST JSON with fetch. */
export function postJson(url: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, ...init });
}

/** Read a whole NDJSON response body into parsed objects (throws on a line that is not JSON). */
export async function readNdjson(res: Response): Promise<any[]> {
  const text = await res.text();
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

/** Response JSON typed loosely for assertions. */
export function json(res: Response): Promise<any> {
  return res.json();
}
