/** Every resolver class of the schema, in one list. */
import type { NonEmptyArray } from "type-graphql";
import { PlanResolver, SectionResolver, SourceSpanResolver } from "../modules/plan/plan.resolver.ts";
import { TaskPlaceResolver, TaskResolver } from "../modules/task/task.resolver.ts";
import { ObligationResolver, PlaceResolver } from "../modules/place/place.resolver.ts";
import { DepartmentResolver } from "../modules/department/department.resolver.ts";
import { IndicatorResolver, IndicatorValueResolver } from "../modules/indicator/indicator.resolver.ts";
import {
  IndicatorValueAuthorResolver,
  ReportResolver,
  TaskReportsResolver,
} from "../modules/report/report.resolver.ts";
import { UserResolver } from "../modules/user/user.resolver.ts";
import { ReportEventResolver } from "../modules/report/report-events.resolver.ts";
import { ReportImportResolver } from "../modules/report/report-import.resolver.ts";
import { SearchResolver } from "../modules/search/search.resolver.ts";
import {
  AssessmentResolver,
  ObligationStateResolver,
  TaskObligationsResolver,
} from "../modules/obligation/obligation.resolver.ts";
import {
  GeocodeResolver,
  ImportRowResolver,
  PlaceProjectsResolver,
  ProjectResolver,
  TaskProjectsResolver,
} from "../modules/project/project.resolver.ts";

export const resolvers: NonEmptyArray<Function> = [
  PlanResolver,
  SectionResolver,
  SourceSpanResolver,
  TaskResolver,
  TaskPlaceResolver,
  PlaceResolver,
  ObligationResolver,
  DepartmentResolver,
  IndicatorResolver,
  IndicatorValueResolver,
  IndicatorValueAuthorResolver,
  ReportResolver,
  TaskReportsResolver,
  UserResolver,
  ReportImportResolver,
  SearchResolver,
  ProjectResolver,
  TaskProjectsResolver,
  GeocodeResolver,
  ImportRowResolver,
  PlaceProjectsResolver,
  ReportEventResolver,
  ObligationStateResolver,
  TaskObligationsResolver,
  AssessmentResolver,
];
