/** Runs the real server entry point (server/src/main.ts) as a child process. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** resolves with the exit code (or signal name) */
  exited: Promise<number | string>;
}

/** Spawns the server and waits until it logs that it is ready (or exits). */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "info", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  // ready when it logs its url: looked for as each chunk of output arrives
  let ready: ((url: string) => void) | null = null;
  const collect = (d: Buffer) => {
    out += d;
    const match = ready && /"url":"(http:\/\/[^"]+)"/.exec(out);
    if (match) ready!(match[1]);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      ready = null;
      child.kill("SIGKILL"); // a server that never got ready must not outlive the test
      reject(new Error(`server not ready in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    ready = (url) => {
      ready = null;
      clearTimeout(timer);
      resolve(url);
    };
    // on close, not exit: by then all it wrote has been read
    child.once("close", (code, signal) => {
      if (!ready) return;
      ready = null;
      clearTimeout(timer);
      reject(
        Object.assign(new Error(`server exited with ${code ?? signal} before it was ready:\n${out}`), {
          code: code ?? signal ?? "unknown",
          output: out,
        }),
      );
    });
  });
  return { child, url, output: () => out, exited };
}

/** Runs the server expecting it to fail at boot; returns exit code and output. */
export async function runFailingServer(
  env: Record<string, string>,
): Promise<{ code: number | string; output: string }> {
  try {
    const s = await startServerProcess(env, 60_000);
    s.child.kill("SIGKILL");
    throw new Error(`server started unexpectedly at ${s.url}`);
  } catch (error) {
    const e = error as Error & { code?: number | string; output?: string };
    if (e.output === undefined) throw error;
    return { code: e.code!, output: e.output };
  }
}
