/**
 * Fixture runner: every test/geo/fixtures/in/<prefix>.*.json has an expected
 * out/<same name>. `REGEN=1 npx vitest run test/geo` rewrites the outputs —
 * only on purpose, then review the diff.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));

export function fixtures(
  prefix: string,
): { name: string; input: any; expected: () => unknown; regen: (actual: unknown) => boolean }[] {
  return readdirSync(`${dir}in`)
    .filter((f) => f.startsWith(`${prefix}.`) && f.endsWith(".json"))
    .sort()
    .map((name) => {
      const outPath = `${dir}out/${name}`;
      return {
        name,
        input: JSON.parse(readFileSync(`${dir}in/${name}`, "utf8")),
        expected: () => (existsSync(outPath) ? JSON.parse(readFileSync(outPath, "utf8")) : undefined),
        regen: (actual: unknown) => {
          if (process.env.REGEN !== "1") return false;
          writeFileSync(outPath, `${JSON.stringify(actual, null, 2)}\n`);
          return true;
        },
      };
    });
}
