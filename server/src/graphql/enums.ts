/** Registers the core enums with type-graphql, once, before the schema is built (schema.ts imports this). */
import { registerEnumType } from "type-graphql";
import {
  Comparator,
  GeoPrecision,
  ImportAction,
  ImportFormat,
  ObligationReason,
  PlaceKind,
  PlaceRole,
  ProjectCategory,
  ReviewDecision,
  ReviewState,
  Role,
  Script,
  TaskKind,
  TaskOrder,
  TaskStatus,
} from "../core/enums.ts";

registerEnumType(Script, {
  name: "Script",
  description:
    "Which Chinese script text fields are rendered in. The plan is stored once; the other script is derived.",
});
registerEnumType(TaskKind, { name: "TaskKind" });
registerEnumType(TaskStatus, { name: "TaskStatus" });
registerEnumType(PlaceKind, { name: "PlaceKind" });
registerEnumType(GeoPrecision, {
  name: "GeoPrecision",
  description: "How exactly a place's geometry is known, after the AidData geocoding precision codes.",
});
registerEnumType(PlaceRole, { name: "PlaceRole", description: "Why a task is linked to a place." });
registerEnumType(ObligationReason, {
  name: "ObligationReason",
  description: "Why a task counts as an obligation of a place.",
});
registerEnumType(TaskOrder, { name: "TaskOrder" });
registerEnumType(ProjectCategory, { name: "ProjectCategory" });
registerEnumType(ImportFormat, { name: "ImportFormat" });
registerEnumType(ImportAction, { name: "ImportAction", description: "What an import does with one row." });
registerEnumType(Comparator, { name: "Comparator" });
registerEnumType(ReviewState, { name: "ReviewState" });
registerEnumType(ReviewDecision, { name: "ReviewDecision" });
registerEnumType(Role, { name: "Role" });
