/**
 * A minimal keep-alive JSON client on node:http: at thousands of requests per second the load
 * generator shares the cores with the system under test, so it must cost as little as possible.
 */
import http from 'node:http';

export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

export class JsonClient {
  readonly #agent: http.Agent;
  readonly #base: URL;

  constructor(baseUrl: string, maxSockets = 256) {
    this.#base = new URL(baseUrl);
    if (this.#base.protocol !== 'http:') throw new RangeError(`only http:// URLs are supported (got ${baseUrl})`);
    this.#agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<JsonResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request({
        agent: this.#agent,
        host: this.#base.hostname,
        port: this.#base.port,
        method,
        path,
        headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try { parsed = text === '' ? undefined : JSON.parse(text); } catch { /* keep the text */ }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
