/** A GraphiQL IDE bundled with the client (no CDN), pointed at /graphql on the same origin. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import "graphiql/graphiql.css";

type FetcherParams = { query: string; operationName?: string | null; variables?: unknown };

async function fetcher(params: FetcherParams, opts?: { headers?: Record<string, string> }) {
  const res = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...(opts?.headers ?? {}) },
    credentials: "same-origin",
    body: JSON.stringify(params),
  });
  return res.json();
}

const DEFAULT_QUERY = `# The Taiyuan 2013-2015 transformation plan (并政发〔2013〕30号).
# Which tasks touch Gujiao, and who leads them?
query GujiaoObligations {
  place(id: "gujiao") {
    name
    nameEn
    obligations {
      reasons
      task { ref title leadDepartments { name } status }
    }
  }
}
`;

const root = document.getElementById("graphiql");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
    </StrictMode>,
  );
}
