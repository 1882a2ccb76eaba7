/**
 * Selection-set lookahead: lets a resolver see which fields the client asked for
 * below it, so one SQL statement can fetch a level it would otherwise fetch later
 * (and a count nobody asked for can be skipped). @skip/@include are ignored:
 * a field under them counts as asked for, which only ever fetches more.
 */
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

type Info = Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">;

function fieldsNamed(info: Info, sets: readonly SelectionSetNode[], name: string, out: SelectionSetNode[]): boolean {
  let found = false;
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== name) continue;
        found = true;
        if (selection.selectionSet) out.push(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        found = fieldsNamed(info, [selection.selectionSet], name, out) || found;
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) found = fieldsNamed(info, [fragment.selectionSet], name, out) || found;
      }
    }
  }
  return found;
}

/** True when the current field's selection reaches `path`, e.g. selects(info, "task", "places", "place"). */
export function selects(info: Info, ...path: string[]): boolean {
  let level = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    const next: SelectionSetNode[] = [];
    if (!fieldsNamed(info, level, name, next)) return false;
    level = next;
  }
  return true;
}
