/**
 * The JSON body of a request to /graphql, read straight off the socket: what express.json()
 * did (body-parser, raw-body, type-is, iconv-lite, http-errors) in one small step, because it is
 * on the path of every GraphQL request and those layers were about a twentieth of a review's
 * CPU (BENCHMARKS.md, "Fifteenth session").
 *
 * It keeps body-parser's answers: a body of another media type is not read (`req.body` stays
 * undefined, and Apollo says what is wrong with the request); an empty JSON body is `{}`; a body
 * over the limit is 413, by its Content-Length before anything is read, or as soon as the bytes
 * read pass it; a compressed body (gzip, deflate, br) is inflated, its inflated size bound by the
 * same limit; anything else is refused with its own error, which names what was wrong: another
 * charset than UTF-8 or another Content-Encoding (415), a body that is not a JSON object or array
 * (400). A refused body is read to its end before the error is answered, as body-parser does, so
 * the connection can carry the next request.
 */
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import type { NextFunction, Request, Response } from "express";

/** An error the app's error handler answers with its status and message (the shape http-errors gives). */
export interface BodyError extends Error {
  status: number;
  expose: true;
  /** body-parser's names: "entity.too.large", "entity.parse.failed", "charset.unsupported", "encoding.unsupported", "request.aborted" */
  type: string;
}

function bodyError(status: number, type: string, message: string): BodyError {
  return Object.assign(new Error(message), { status, expose: true as const, type });
}

/** Whether the request has a body to read (type-is hasBody): a Transfer-Encoding or a Content-Length, 0 included. */
function hasBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || req.headers["content-length"] !== undefined;
}

/** The media type and charset of a Content-Type value, lower-cased; null when there is none. */
export function mediaTypeOf(value: string | undefined): { type: string; charset: string | null } | null {
  if (!value) return null;
  const semi = value.indexOf(";");
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  if (semi < 0) return { type, charset: null };
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(value.slice(semi))?.[1]?.toLowerCase() ?? null;
  return { type, charset };
}

function inflater(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch (encoding) {
    case "gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** Parses the body's text as body-parser's strict JSON parser did: `{}` when empty, an object or an array only. */
export function parseJsonBody(text: string): unknown {
  // a UTF-8 byte order mark is not JSON, but body-parser's decoder dropped it
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  // nearly every body starts with its brace: the whitespace scan only for the others
  const first = body[0] === "{" || body[0] === "[" ? body[0] : /^[ \t\n\r]*(.?)/.exec(body)![1];
  if (first !== "{" && first !== "[")
    throw bodyError(400, "entity.parse.failed", "the request body is not a JSON object or array");
  try {
    return JSON.parse(body);
  } catch (error) {
    throw bodyError(400, "entity.parse.failed", `the request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Express middleware that reads a JSON body into `req.body`, at most `limit` bytes (after inflating). */
export function jsonBody(limit: number) {
  // said in MB (of 1,048,576 bytes) as the limit is set: LIMITS.bodyBytes
  const tooLarge = () => bodyError(413, "entity.too.large", `request body larger than ${limit / 2 ** 20} MB`);

  return function readJsonBody(req: Request, _res: Response, next: NextFunction): void {
    // Apollo's Express integration refuses a request without the property (a read body or none)
    if (!Object.hasOwn(req, "body")) req.body = undefined;
    if (req.readableEnded || !hasBody(req)) {
      next();
      return;
    }
    const media = mediaTypeOf(req.headers["content-type"]);
    if (media?.type !== "application/json") {
      next();
      return;
    }

    let inflating: zlib.Gunzip | null = null;
    /** Reads what is left of the request and drops it, then answers the error (the next request can follow on the connection). */
    const refuse = (error: BodyError): void => {
      if (inflating) {
        req.unpipe(inflating);
        inflating.destroy();
      }
      if (req.readableEnded || req.destroyed) {
        next(error);
        return;
      }
      let answered = false;
      const answer = (): void => {
        if (answered) return;
        answered = true;
        next(error);
      };
      req.once("end", answer);
      req.once("close", answer);
      req.resume();
    };

    if (media.charset !== null && media.charset !== "utf-8" && media.charset !== "utf8") {
      refuse(
        bodyError(
          415,
          "charset.unsupported",
          `unsupported charset "${media.charset.toUpperCase()}": a JSON request body is UTF-8`,
        ),
      );
      return;
    }
    const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
    let stream: Readable = req;
    if (encoding !== "identity") {
      const inflate = inflater(encoding);
      if (!inflate) {
        refuse(
          bodyError(
            415,
            "encoding.unsupported",
            `unsupported content encoding "${encoding}": send gzip, deflate, br or none`,
          ),
        );
        return;
      }
      inflating = inflate as zlib.Gunzip;
      stream = req.pipe(inflating);
    } else {
      const declared = Number(req.headers["content-length"]);
      if (declared > limit) {
        refuse(tooLarge());
        return;
      }
    }

    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const finish = (error: BodyError | null): void => {
      if (done) return;
      done = true;
      stream.removeListener("data", onData);
      stream.removeListener("end", onEnd);
      stream.removeListener("error", onError);
      req.removeListener("aborted", onAborted);
      if (error) {
        refuse(error);
        return;
      }
      const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
      try {
        req.body = parseJsonBody(bytes.toString("utf8"));
      } catch (parseError) {
        next(parseError);
        return;
      }
      next();
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) finish(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish(null);
    const onError = (error: Error): void =>
      finish(bodyError(400, "entity.parse.failed", `the request body could not be read: ${error.message}`));
    const onAborted = (): void => finish(bodyError(400, "request.aborted", "the request was aborted"));
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
    req.on("aborted", onAborted);
  };
}
