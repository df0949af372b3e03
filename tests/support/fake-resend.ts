import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedEmail = { id: string; from: string; to: string[]; subject: string; html: string; text: string; idempotencyKey: string | null };

/**
 * A fake Resend API on loopback, close enough to the real one for the `resend` client: POST /emails with a
 * bearer key, JSON in and out, and Idempotency-Key handling (a repeated key returns the first answer and
 * delivers nothing new). `failNext(n)` answers 500 and `hangNext(n)` never answers, to test retries.
 */
export class FakeResend {
  readonly delivered: ReceivedEmail[] = [];
  requests = 0;
  private server: Server;
  private failures = 0;
  private hangs = 0;
  private byKey = new Map<string, string>();
  private counter = 0;

  constructor(private apiKey = "re_test_key") {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return this.url;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  get key(): string {
    return this.apiKey;
  }

  failNext(n: number) {
    this.failures = n;
  }

  hangNext(n: number) {
    this.hangs = n;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: import("node:http").ServerResponse) {
    this.requests += 1;
    const body = await new Promise<string>((resolve) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => resolve(data));
    });
    const json = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    };
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) return json(401, { name: "missing_api_key", message: "Missing API key", statusCode: 401 });
    if (req.method !== "POST" || req.url !== "/emails") return json(404, { name: "not_found", message: "Not found", statusCode: 404 });
    if (this.hangs > 0) {
      this.hangs -= 1;
      return; // never answers; the client's time-out or the server's stop ends it
    }
    if (this.failures > 0) {
      this.failures -= 1;
      return json(500, { name: "internal_server_error", message: "Something went wrong", statusCode: 500 });
    }
    const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    if (key && this.byKey.has(key)) return json(200, { id: this.byKey.get(key) });
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return json(422, { name: "validation_error", message: "Invalid JSON", statusCode: 422 });
    }
    for (const field of ["from", "to", "subject"]) {
      if (!payload[field]) return json(422, { name: "validation_error", message: `Missing \`${field}\` field.`, statusCode: 422 });
    }
    const id = `fake-${++this.counter}`;
    if (key) this.byKey.set(key, id);
    const to = Array.isArray(payload.to) ? (payload.to as string[]) : [String(payload.to)];
    this.delivered.push({ id, from: String(payload.from), to, subject: String(payload.subject), html: String(payload.html ?? ""), text: String(payload.text ?? ""), idempotencyKey: key });
    return json(200, { id });
  }
}
