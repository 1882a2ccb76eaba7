/**
 * A seeded random sample of valid queries the suite's Q1–Q10 never ask, written for both
 * servers from one abstract selection: a root (a list of places of a kind, a page of the plan's
 * tasks, one task, one place), a random subset of each type's fields, and random relations
 * (a place's tasks, children and parent; a task's places and lead departments; a department's
 * tasks and jurisdiction) to depth 3. Each answer is mapped back to the abstract selection and
 * compared with every list sorted, so the gate checks both servers return the same data; the
 * timing then reports the distribution of the ratios, not a hand-picked shape.
 */
import { mulberry32 } from "./generate-projects.ts";
import type { BenchQuery, Pools } from "./queries.ts";

type TypeName = "Place" | "Task" | "Department";

/** product field → peer field, per type (the scalars both servers expose alike) */
const SCALARS: Record<TypeName, Record<string, string>> = {
  Place: { id: "rowId", nameEn: "nameEn", kind: "kind", code: "code" },
  Task: { id: "rowId", titleEn: "titleEn", kind: "kind", dueYear: "dueYear", ref: "ref", number: "number" },
  Department: { id: "rowId", nameEn: "nameEn" },
};

interface Relation {
  name: string;
  target: TypeName;
  list: boolean;
  /** a link object with a role around the target (TaskPlace) */
  role?: boolean;
  product(inner: string): string;
  peer(inner: string): string;
  /** the target objects (or { role, target } links) out of each server's value */
  fromProduct(value: any): any;
  fromPeer(value: any): any;
}

const RELATIONS: Record<TypeName, Relation[]> = {
  Place: [
    {
      name: "tasks",
      target: "Task",
      list: true,
      role: true,
      product: (x) => `tasks { role task { ${x} } }`,
      peer: (x) => `taskPlacesByPlaceId { nodes { role taskByTaskId { ${x} } } }`,
      fromProduct: (v) => v.map((l: any) => ({ role: l.role, to: l.task })),
      fromPeer: (v) => v.nodes.map((l: any) => ({ role: l.role, to: l.taskByTaskId })),
    },
    {
      name: "children",
      target: "Place",
      list: true,
      product: (x) => `children { ${x} }`,
      peer: (x) => `placesByParentId(orderBy: [ORDINAL_ASC]) { nodes { ${x} } }`,
      fromProduct: (v) => v,
      fromPeer: (v) => v.nodes,
    },
    {
      name: "parent",
      target: "Place",
      list: false,
      product: (x) => `parent { ${x} }`,
      peer: (x) => `placeByParentId { ${x} }`,
      fromProduct: (v) => v,
      fromPeer: (v) => v,
    },
  ],
  Task: [
    {
      name: "places",
      target: "Place",
      list: true,
      role: true,
      product: (x) => `places { role place { ${x} } }`,
      peer: (x) => `taskPlacesByTaskId { nodes { role placeByPlaceId { ${x} } } }`,
      fromProduct: (v) => v.map((l: any) => ({ role: l.role, to: l.place })),
      fromPeer: (v) => v.nodes.map((l: any) => ({ role: l.role, to: l.placeByPlaceId })),
    },
    {
      name: "leadDepartments",
      target: "Department",
      list: true,
      product: (x) => `leadDepartments { ${x} }`,
      peer: (x) => `taskLeadsByTaskId { nodes { departmentByDepartmentId { ${x} } } }`,
      fromProduct: (v) => v,
      fromPeer: (v) => v.nodes.map((l: any) => l.departmentByDepartmentId),
    },
  ],
  Department: [
    {
      name: "tasks",
      target: "Task",
      list: true,
      product: (x) => `tasks { ${x} }`,
      peer: (x) => `taskLeadsByDepartmentId { nodes { taskByTaskId { ${x} } } }`,
      fromProduct: (v) => v,
      fromPeer: (v) => v.nodes.map((l: any) => l.taskByTaskId),
    },
    {
      name: "jurisdiction",
      target: "Place",
      list: false,
      product: (x) => `jurisdiction { ${x} }`,
      peer: (x) => `placeByJurisdictionPlaceId { ${x} }`,
      fromProduct: (v) => v,
      fromPeer: (v) => v,
    },
  ],
};

interface Selection {
  type: TypeName;
  scalars: string[];
  relations: { relation: Relation; child: Selection }[];
}

function select(type: TypeName, depth: number, random: () => number): Selection {
  const names = Object.keys(SCALARS[type]);
  // id always (the answers are compared by it), then each other field with even odds
  const scalars = names.filter((n) => n === "id" || random() < 0.5);
  const relations: Selection["relations"] = [];
  if (depth < 3) {
    for (const relation of RELATIONS[type]) {
      // fewer and fewer nested lists the deeper the selection: the answers stay a size a client asks for
      if (random() < (depth === 1 ? 0.6 : 0.35))
        relations.push({ relation, child: select(relation.target, depth + 1, random) });
    }
  }
  return { type, scalars, relations };
}

function render(s: Selection, side: "product" | "peer"): string {
  const scalars = s.scalars.map((n) => (side === "product" ? n : SCALARS[s.type][n]));
  const nested = s.relations.map(({ relation, child }) => relation[side](render(child, side)));
  return [...scalars, ...nested].join(" ");
}

/** One server's answer as the abstract selection: product field names, lists sorted canonically. */
function normalise(s: Selection, value: any, side: "product" | "peer"): unknown {
  if (value == null) return null;
  const out: Record<string, unknown> = {};
  for (const n of s.scalars) out[n] = value[side === "product" ? n : SCALARS[s.type][n]];
  for (const { relation, child } of s.relations) {
    const key = side === "product" ? relation.name : relation.peer("").split(/[ ({]/)[0];
    const raw = value[key];
    const inner = raw == null ? null : side === "product" ? relation.fromProduct(raw) : relation.fromPeer(raw);
    const one = (x: any) =>
      relation.role ? { role: x.role, to: normalise(child, x.to, side) } : normalise(child, x, side);
    out[relation.name] = inner == null ? null : relation.list ? sortCanonically(inner.map(one)) : one(inner);
  }
  return out;
}

function sortCanonically(xs: unknown[]): unknown[] {
  return xs
    .map((x) => [JSON.stringify(x), x] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, x]) => x);
}

/**
 * `count` random queries over the dataset's data (seeded: the same seed gives the same queries),
 * each a BenchQuery named S01, S02, … whose title is its product query.
 */
export function sampleQueries(plan: string, pools: Pools, count: number, seed: number): BenchQuery[] {
  const random = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const queries: BenchQuery[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `S${String(i).padStart(2, "0")}`;
    const root = Math.floor(random() * 4);
    let q: BenchQuery;
    if (root === 0) {
      const s = select("Place", 1, random);
      q = {
        name,
        title: "",
        product: { query: `query ${name} { places(filter: { kinds: [COUNTY] }) { ${render(s, "product")} } }` },
        peer: {
          query: `query ${name} { allPlaces(condition: { kind: "COUNTY" }, orderBy: [ORDINAL_ASC]) { nodes { ${render(s, "peer")} } } }`,
        },
        normaliseProduct: (d) => d.places.map((x: any) => normalise(s, x, "product")),
        normalisePeer: (d) => d.allPlaces.nodes.map((x: any) => normalise(s, x, "peer")),
      };
    } else if (root === 1) {
      const s = select("Task", 1, random);
      const first = pick([10, 20, 50, 100]);
      q = {
        name,
        title: "",
        product: {
          query: `query ${name}($plan: ID!) { tasks(filter: { planId: $plan }, first: ${first}) { nodes { ${render(s, "product")} } } }`,
          variables: { plan },
        },
        peer: {
          query: `query ${name}($plan: String!) { allTasks(condition: { planId: $plan }, orderBy: [ORDINAL_ASC], first: ${first}) { nodes { ${render(s, "peer")} } } }`,
          variables: { plan },
        },
        normaliseProduct: (d) => d.tasks.nodes.map((x: any) => normalise(s, x, "product")),
        normalisePeer: (d) => d.allTasks.nodes.map((x: any) => normalise(s, x, "peer")),
      };
    } else {
      const type: TypeName = root === 2 ? "Task" : "Place";
      const s = select(type, 1, random);
      const field = type === "Task" ? "task" : "place";
      const ids = type === "Task" ? pools.taskIds : pools.placeIds;
      const fixedId = pick(ids);
      q = {
        name,
        title: "",
        varies: true,
        product: {
          query: `query ${name}($id: ID!) { ${field}(id: $id) { ${render(s, "product")} } }`,
          variables: { id: fixedId },
        },
        peer: {
          query: `query ${name}($id: String!) { ${field}ByRowId(rowId: $id) { ${render(s, "peer")} } }`,
          variables: { id: fixedId },
        },
        normaliseProduct: (d) => normalise(s, d[field], "product"),
        normalisePeer: (d) => normalise(s, d[`${field}ByRowId`], "peer"),
      };
      // fresh ids per request, as for Q6
      q.variants = Array.from({ length: 64 }, () => {
        const id = pick(ids);
        return {
          product: { query: q.product.query, variables: { id } },
          peer: { query: q.peer.query, variables: { id } },
        };
      });
    }
    q.title = q.product.query;
    queries.push(q);
  }
  return queries;
}
