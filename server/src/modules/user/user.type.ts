import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Role } from "../../core/enums.ts";

@ObjectType({ description: "An account. Planners edit everything; area leaders report for their places; department users for the tasks their department leads." })
export class User {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  username!: string;
  @Field(() => String)
  displayName!: string;
  @Field(() => Role)
  role!: Role;
}

@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: "Bearer token; also set as an HttpOnly cookie for the web client." })
  token!: string;
  @Field(() => User)
  user!: unknown;
}

@InputType()
export class CreateUserInput {
  @Field(() => String, { description: "3-40 characters: lower-case letters, digits, . _ -" })
  username!: string;
  @Field(() => String, { description: "At least 10 characters." })
  password!: string;
  @Field(() => String)
  displayName!: string;
  @Field(() => Role)
  role!: Role;
  @Field(() => [ID], { nullable: true, description: "AREA_LEADER: the places they answer for." })
  placeIds?: string[];
  @Field(() => ID, { nullable: true, description: "DEPARTMENT: the department they report for." })
  departmentId?: string;
}
