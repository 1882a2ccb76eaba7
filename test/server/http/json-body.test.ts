/**
 * The JSON body of POST /graphql (server/src/http/json-body.ts), over real sockets: what is read,
 * what is refused and with which error, and that a connection whose body was refused carries the
 * next request.
 */
import http from "node:http";
import { gzipSync, brotliCompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../../server/src/app.ts";
import { loadConfig } from "../../../server/src/config.ts";
import { LIMITS } from "../../../server/src/graphql/limits.ts";
import { parseJsonBody } from "../../../server/src/http/json-body.ts";
import { testDatabase } from "../../support/db.ts";
import { capturingLogger } from "../../support/log-lines.ts";

const QUERY = JSON.stringify({ query: "{ plans { id } }" });
let app: App;
const { logger, lines, settled } = capturingLogger<{ requestId?: string; statements?: number; executor?: string }>();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  const database = await testDatabase();
  app = await createApp(loadConfig({ PORT: "0", SEED_ON_BOOT: "false" }), logger, { database });
  await app.start();
});

afterAll(async () => {
  agent.destroy();
  await app.stop();
});

/** A POST to /graphql over the one keep-alive socket; `chunks` are written one by one (chunked when no content-length is given). */
function post(
  chunks: Buffer[],
  headers: Record<string, string>,
): Promise<{ status: number; body: string; socket: unknown; requestId: string }> {
  const { port } = new URL(app.url());
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/graphql", method: "POST", agent, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () =>
        resolve({ status: res.statusCode!, body, socket: req.socket, requestId: String(res.headers["x-request-id"]) }),
      );
    });
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const json = (text: string) => [Buffer.from(text)];
const errorOf = (body: string) =>
  (JSON.parse(body) as { errors: { message: string; extensions: { code: string } }[] }).errors[0];

describe("the JSON body of /graphql", () => {
  it("reads a plain, a chunked and a compressed body alike", async () => {
    const plain = await post(json(QUERY), { "content-type": "application/json" });
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body).data.plans.length).toBeGreaterThan(0);
    const half = QUERY.length >> 1;
    const chunked = await post([Buffer.from(QUERY.slice(0, half)), Buffer.from(QUERY.slice(half))], {
      "content-type": "application/json; charset=UTF-8",
    });
    expect(chunked.body).toBe(plain.body);
    // what follows a body read in pieces is still the request's: its statement is counted in its log line
    await settled(plain.requestId, chunked.requestId);
    for (const answer of [plain, chunked])
      expect(lines.find((l) => l.requestId === answer.requestId)).toMatchObject({
        statements: 1,
        executor: "sql-lane",
      });
    for (const [encoding, bytes] of [
      ["gzip", gzipSync(QUERY)],
      ["br", brotliCompressSync(QUERY)],
    ] as const) {
      const compressed = await post([bytes], { "content-type": "application/json", "content-encoding": encoding });
      expect(compressed.body, encoding).toBe(plain.body);
    }
  });

  it("refuses a body over the limit, by its Content-Length or as it arrives, and the connection carries on", async () => {
    const big = Buffer.alloc(LIMITS.bodyBytes + 1, 0x20);
    const declared = await post([big], { "content-type": "application/json", "content-length": String(big.length) });
    expect(declared.status).toBe(413);
    expect(errorOf(declared.body)).toEqual({
      message: "request body larger than 2 MB",
      extensions: { code: "BAD_REQUEST" },
    });
    // chunked: no length to go by
    const streamed = await post([big.subarray(0, 1 << 20), big.subarray(1 << 20)], {
      "content-type": "application/json",
    });
    expect(streamed.status).toBe(413);
    // inflated past the limit: a small request that would be a large body
    const bomb = await post([gzipSync(big)], { "content-type": "application/json", "content-encoding": "gzip" });
    expect(bomb.status).toBe(413);
    const next = await post(json(QUERY), { "content-type": "application/json" });
    expect(next.status).toBe(200);
    expect(next.socket).toBe(bomb.socket);
  });

  it("names what is wrong with a body it cannot read", async () => {
    const cases: [Record<string, string>, string, number, string][] = [
      [{ "content-type": "application/json; charset=latin1" }, QUERY, 415, 'unsupported charset "LATIN1"'],
      [
        { "content-type": "application/json", "content-encoding": "zip" },
        QUERY,
        415,
        'unsupported content encoding "zip"',
      ],
      [{ "content-type": "application/json" }, '{"query": ', 400, "the request body is not valid JSON"],
      [{ "content-type": "application/json" }, "42", 400, "the request body is not a JSON object or array"],
      [
        { "content-type": "application/json", "content-encoding": "gzip" },
        QUERY,
        400,
        "the request body could not be read",
      ],
    ];
    for (const [headers, body, status, message] of cases) {
      const answer = await post(json(body), headers);
      expect(answer.status, JSON.stringify(headers)).toBe(status);
      expect(errorOf(answer.body).message).toContain(message);
    }
  });

  it("leaves other media types to Apollo, which refuses them", async () => {
    const text = await post(json(QUERY), { "content-type": "text/plain" });
    expect(text.status).toBe(400);
    expect(text.body).toContain("CSRF");
  });

  it("parses as body-parser's strict parser did", () => {
    expect(parseJsonBody("")).toEqual({});
    expect(parseJsonBody('\ufeff \n{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonBody(" [1]")).toEqual([1]);
    expect(() => parseJsonBody('"x"')).toThrow("not a JSON object or array");
  });
});
