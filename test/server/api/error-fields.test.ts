/** Refusals name the input field they are about (extensions.field), so a client can say it in its reader's language. */
import { beforeAll, describe, expect, it } from "vitest";
import { fieldOf } from "../../../server/src/core/errors.ts";
import { testServer } from "../../support/server.ts";

// the shared database boots (and seeds) once; on the embedded one that is the hook's time, not a test's
beforeAll(() => testServer().then(() => undefined));

describe("extensions.field", () => {
  it("is read from a message that starts by naming the field, and only then", () => {
    expect(fieldOf("lng must be between -180 and 180, got 500")).toBe("lng");
    expect(fieldOf('placeIds: unknown place "nowhere"')).toBe("placeIds");
    expect(fieldOf('unknown task "x"')).toBeUndefined();
    expect(fieldOf("the header lacks note")).toBeUndefined();
  });

  it("comes with a BAD_USER_INPUT refusal from the API", async () => {
    const s = await testServer();
    const r = await s.gql(`{ placesAt(lng: 500, lat: 37.8) { id } }`);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "lng" });
  });
});
