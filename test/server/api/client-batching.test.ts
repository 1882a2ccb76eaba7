/**
 * The client's transport (client/src/api/client.ts) against the server: queries asked for in
 * the same task go out as one request, each still resolves or rejects on its own.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ApiError, gql as send, MAX_BATCH, type RequestOptions } from "../../../client/src/api/client.ts";
import { TypedDocumentString } from "../../../client/src/api/gql/graphql.ts";
import { appWithLog } from "../../support/server.ts";

const { lines, settled, url } = appWithLog<{ path?: string; operationName?: string }>();
let endpoint: string;
beforeAll(() => {
  endpoint = `${url()}/graphql`;
});

/** The operation names of the /graphql requests logged while `run` ran, one entry per request. */
async function requestsDuring(run: () => Promise<unknown>): Promise<(string | undefined)[]> {
  const before = lines.length;
  await run();
  await settled(); // the log line is written when the response finishes
  return lines
    .slice(before)
    .filter((l) => l.path === "/graphql")
    .map((l) => l.operationName);
}

/** The transport with a query written out here rather than a generated document. */
function gql<T = unknown>(query: string, variables: Record<string, unknown>, opts: RequestOptions): Promise<T> {
  return send(new TypedDocumentString<T, Record<string, unknown>>(query), variables, opts);
}

const TASK = `query Task($id: ID!) { task(id: $id) { id titleEn status } }`;
const PLACE = `query Place($id: ID!) { place(id: $id) { id nameEn } }`;

describe("the client's transport", () => {
  it("sends the queries of one task as one request, each answered as it would be alone", async () => {
    const alone = {
      task: await gql(TASK, { id: "reform-14" }, { endpoint }),
      place: await gql(PLACE, { id: "gujiao" }, { endpoint }),
    };
    let together: unknown[] = [];
    const requests = await requestsDuring(async () => {
      together = await Promise.all([
        gql(TASK, { id: "reform-14" }, { endpoint }),
        gql(PLACE, { id: "gujiao" }, { endpoint }),
        gql(`query Me { me { id } }`, {}, { endpoint }),
      ]);
    });
    expect(requests).toEqual(["batch(Task,Place,Me)"]);
    expect(together).toEqual([alone.task, alone.place, { me: null }]);
  });

  it("rejects only the query that failed, or that was aborted", async () => {
    const results = await Promise.allSettled([
      gql(TASK, { id: "reform-14" }, { endpoint }),
      gql(`query Broken { task(id: "reform-14") { nope } }`, {}, { endpoint }),
      gql(PLACE, { id: "qingxu" }, { endpoint }),
    ]);
    expect(results[0]).toMatchObject({ status: "fulfilled", value: { task: { id: "reform-14" } } });
    expect(results[1]).toMatchObject({ status: "rejected" });
    const broken = (results[1] as PromiseRejectedResult).reason;
    expect(broken).toBeInstanceOf(ApiError);
    expect(broken.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(results[2]).toMatchObject({ status: "fulfilled", value: { place: { id: "qingxu" } } });

    const ctrl = new AbortController();
    const pending = [
      gql(TASK, { id: "reform-14" }, { endpoint, signal: ctrl.signal }),
      gql(PLACE, { id: "gujiao" }, { endpoint }),
    ];
    ctrl.abort();
    const [first, second] = await Promise.allSettled(pending);
    expect(first.status).toBe("rejected");
    expect((first as PromiseRejectedResult).reason.name).toBe("AbortError");
    expect(second).toMatchObject({ status: "fulfilled", value: { place: { id: "gujiao" } } });
  });

  it("never puts a mutation in a batch", async () => {
    const requests = await requestsDuring(async () => {
      await Promise.all([
        gql(`mutation Logout { logout }`, {}, { endpoint }),
        gql(PLACE, { id: "gujiao" }, { endpoint }),
      ]);
    });
    expect(requests.sort()).toEqual([undefined, undefined]);
  });

  it(`splits more than ${MAX_BATCH} queries into requests of at most ${MAX_BATCH}`, async () => {
    const ids = [
      "gujiao",
      "qingxu",
      "yangqu",
      "loufan",
      "xiaodian",
      "yingze",
      "xinghualing",
      "wanbailin",
      "jiancaoping",
      "jinyuan",
      "taiyuan",
      "jinci",
    ];
    let answers: { place: { id: string } | null }[] = [];
    const requests = await requestsDuring(async () => {
      answers = await Promise.all(ids.map((id) => gql<{ place: { id: string } | null }>(PLACE, { id }, { endpoint })));
    });
    // the two requests run side by side: their log lines come in the order they finish
    expect(requests.sort()).toEqual(
      [`batch(${Array(MAX_BATCH).fill("Place").join(",")})`, `batch(Place,Place)`].sort(),
    );
    expect(answers.map((a) => a.place?.id)).toEqual(ids);
  });
});
