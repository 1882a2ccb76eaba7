/**
 * A cost estimate for an operation, refused above a limit during validation.
 * Each object field costs 1 times its multiplier: `first` (capped at the page
 * limit, since larger values are refused by the resolver with BAD_USER_INPUT;
 * a variable counts as the cap), 10 for other lists, 1 for connection `nodes`/
 * `edges` whose size the parent's `first` already counted. Scalars are free.
 */
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isAbstractType,
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
import { MAX_PAGE_SIZE } from "./paging.ts";

const LIST_GUESS = 10;

function multiplier(field: FieldNode, isList: boolean): number {
  const first = field.arguments?.find((a) => a.name.value === "first");
  if (first) {
    if (first.value.kind === Kind.INT) return Math.max(1, Math.min(Number(first.value.value), MAX_PAGE_SIZE));
    return MAX_PAGE_SIZE;
  }
  if (field.name.value === "nodes" || field.name.value === "edges") return 1;
  return isList ? LIST_GUESS : 1;
}

function selectionCost(context: ValidationContext, set: SelectionSetNode, parent: GraphQLNamedType, seen: Set<string>): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.selectionSet) continue;
      const fields = isObjectType(parent) || isInterfaceType(parent) ? (parent as GraphQLObjectType | GraphQLInterfaceType).getFields() : {};
      const def = fields[selection.name.value];
      if (!def) continue;
      const type = getNullableType(def.type);
      const named = getNamedType(def.type);
      total += multiplier(selection, isListType(type)) * (1 + selectionCost(context, selection.selectionSet, named, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const cond = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
      total += selectionCost(context, selection.selectionSet, cond ?? parent, seen);
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue; // cycles are reported by NoFragmentCycles
      const fragment = context.getFragment(name);
      if (!fragment) continue;
      const cond = context.getSchema().getType(fragment.typeCondition.name.value);
      total += selectionCost(context, fragment.selectionSet, cond ?? parent, new Set([...seen, name]));
    }
  }
  // for unions the selections above already went through their type conditions
  void isAbstractType;
  return total;
}

/** A validation rule refusing operations whose estimated cost exceeds maxCost. */
export function costLimitRule(maxCost: number): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const root =
        node.operation === "query" ? context.getSchema().getQueryType() : node.operation === "mutation" ? context.getSchema().getMutationType() : context.getSchema().getSubscriptionType();
      if (!root) return;
      const cost = selectionCost(context, node.selectionSet, root, new Set());
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(`query cost ${cost} exceeds the limit of ${maxCost}: ask for fewer nested lists or smaller pages`, { nodes: [node] }),
        );
      }
    },
  });
}
