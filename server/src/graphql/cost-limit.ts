/**
 * A cost estimate for an operation, refused above a limit during validation.
 * Each object field costs 1 times its multiplier: `first` (capped at the page
 * limit, since larger values are refused by the resolver with BAD_USER_INPUT;
 * a variable counts as the cap), 1 for connection `nodes`/`edges` whose size the
 * parent's `first` already counted, the assumed length in LIST_SIZES for the
 * unpaged lists named there, 10 for other lists. Scalars are free.
 *
 * The estimate judges the shape of a query; how long an unpaged list really is
 * depends on the data, and is bounded at run time by the list budget (core/list-budget.ts).
 */
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLInterfaceType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { MAX_PAGE_SIZE } from "../core/paging.ts";

const LIST_GUESS = 10;

/**
 * Assumed lengths of unpaged lists that are routinely far longer than LIST_GUESS (after
 * IBM's and Apollo's `@listSize(assumedSize)`): a place's obligations are each task of the
 * plan at most once, and the city's are all of them (79 in the seeded plan).
 */
const LIST_SIZES: Readonly<Record<string, number>> = {
  "Place.obligations": 100,
};

function multiplier(field: FieldNode, parent: string, isList: boolean): number {
  const first = field.arguments?.find((a) => a.name.value === "first");
  if (first) {
    if (first.value.kind === Kind.INT) return Math.max(1, Math.min(Number(first.value.value), MAX_PAGE_SIZE));
    return MAX_PAGE_SIZE;
  }
  if (field.name.value === "nodes" || field.name.value === "edges") return 1;
  if (!isList) return 1;
  return LIST_SIZES[`${parent}.${field.name.value}`] ?? LIST_GUESS;
}

/** A cost and the costliest chain of lists under it ("places×10", "obligations×100", ...), for the refusal's message. */
interface Cost {
  total: number;
  lists: string[];
}

function selectionCost(
  context: ValidationContext,
  set: SelectionSetNode,
  parent: GraphQLNamedType,
  seen: Set<string>,
): Cost {
  let total = 0;
  let costliest: Cost = { total: 0, lists: [] };
  const consider = (cost: Cost) => {
    total += cost.total;
    if (cost.total > costliest.total) costliest = cost;
  };
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.selectionSet) continue;
      const fields =
        isObjectType(parent) || isInterfaceType(parent)
          ? (parent as GraphQLObjectType | GraphQLInterfaceType).getFields()
          : {};
      const def = fields[selection.name.value];
      if (!def) continue;
      const isList = isListType(getNullableType(def.type));
      const times = multiplier(selection, parent.name, isList);
      const inner = selectionCost(context, selection.selectionSet, getNamedType(def.type), seen);
      const key = selection.alias?.value ?? selection.name.value;
      consider({
        total: times * (1 + inner.total),
        lists: times > 1 ? [`${key} ×${times}`, ...inner.lists] : inner.lists,
      });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const cond = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
      consider(selectionCost(context, selection.selectionSet, cond ?? parent, seen));
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue; // cycles are reported by NoFragmentCycles
      const fragment = context.getFragment(name);
      if (!fragment) continue;
      const cond = context.getSchema().getType(fragment.typeCondition.name.value);
      consider(selectionCost(context, fragment.selectionSet, cond ?? parent, new Set([...seen, name])));
    }
  }
  // for unions the selections above already went through their type conditions
  return { total, lists: costliest.lists };
}

/** A validation rule refusing operations whose estimated cost exceeds maxCost. */
export function costLimitRule(maxCost: number): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const root =
        node.operation === "query"
          ? context.getSchema().getQueryType()
          : node.operation === "mutation"
            ? context.getSchema().getMutationType()
            : context.getSchema().getSubscriptionType();
      if (!root) return;
      const cost = selectionCost(context, node.selectionSet, root, new Set());
      if (cost.total > maxCost) {
        const lists = cost.lists.length
          ? ` (costliest lists, with the items each is counted as: ${cost.lists.join(" → ")})`
          : "";
        context.reportError(
          new GraphQLError(
            `query cost ${cost.total} exceeds the limit of ${maxCost}${lists}: ask for fewer nested lists, smaller pages or filtered lists`,
            { nodes: [node] },
          ),
        );
      }
    },
  });
}
