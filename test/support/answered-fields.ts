/**
 * Which fields an answer exercised, for the tests that compare two ways of answering
 * (test/server/perf/sql-differential.test.ts): a field counts where the answer has it, so one
 * selected under an empty list or a null object is not taken as compared, and it counts as valued
 * where the answer gives it a value (not null, not an empty list).
 */
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  Kind,
  parse,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * The schema coordinates ("Place.name") of `source`'s fields that `data` has somewhere (answered)
 * and that have a value there (valued: not null; a list: not empty), walked along the operation's
 * selections, fragments included.
 */
export function answeredFields(
  schema: GraphQLSchema,
  source: string,
  data: unknown,
): { answered: Set<string>; valued: Set<string> } {
  const document = parse(source);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const answered = new Set<string>();
  const valued = new Set<string>();
  if (!operation || !data || typeof data !== "object") return { answered, valued };

  const visit = (selections: SelectionSetNode, declared: GraphQLCompositeType, value: Record<string, unknown>) => {
    // the object's own type where the answer says it (unions and interfaces select __typename)
    const typename = value.__typename;
    const actual = typeof typename === "string" ? schema.getType(typename) : null;
    const type = actual && isObjectType(actual) ? actual : declared;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith("__") || !("getFields" in type)) continue;
        const field = type.getFields()[name];
        const v = value[selection.alias?.value ?? name];
        if (!field || v === undefined) continue;
        answered.add(`${type.name}.${name}`);
        if (v === null || (Array.isArray(v) && v.length === 0)) continue;
        valued.add(`${type.name}.${name}`);
        if (selection.selectionSet) {
          const named = getNamedType(field.type) as GraphQLCompositeType;
          for (const item of objectsIn(v)) visit(selection.selectionSet, named, item);
        }
        continue;
      }
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
      if (!fragment) continue;
      const condition = fragment.typeCondition
        ? (schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType)
        : type;
      // a fragment on another object type, or on an abstract type the object is not in, does not apply
      if (isObjectType(type) && condition !== type) {
        if (isObjectType(condition) || (isAbstractType(condition) && !schema.isSubType(condition, type))) continue;
      }
      visit(fragment.selectionSet, isObjectType(type) ? type : condition, value);
    }
  };
  visit(operation.selectionSet, schema.getQueryType()!, data as Record<string, unknown>);
  return { answered, valued };
}

/** The objects in a value, lists flattened. */
function objectsIn(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsIn);
  return value && typeof value === "object" ? [value as Record<string, unknown>] : [];
}

/** Whether a root field answers one object, not a list or a page of them ("Query.place", not "Query.places"). */
export function singularRoot(schema: GraphQLSchema, coordinate: string): boolean {
  const field = schema.getQueryType()!.getFields()[coordinate.replace(/^Query\./, "")];
  if (!field) return false;
  const type = getNullableType(field.type);
  return !isListType(type) && !getNamedType(type).name.endsWith("Connection");
}
