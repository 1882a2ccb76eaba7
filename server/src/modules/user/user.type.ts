import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Role } from "../../core/enums.ts";

@ObjectType({
  description:
    "An account. Planners edit everything; area leaders report for their places; department users for the tasks their department leads.",
})
export class User {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  username!: string;
  @Field(() => String)
  displayName!: string;
  @Field(() => Role)
  role!: Role;
  @Field(() => Boolean, { description: "A disabled account cannot sign in and its sessions no longer work." })
  disabled!: boolean;
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

@InputType({ description: "What to change on an account; fields left out stay as they are." })
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;
  @Field(() => Role, {
    nullable: true,
    description: "Changing the role drops an assignment the new role has no use for (places, department).",
  })
  role?: Role | null;
  @Field(() => [ID], { nullable: true, description: "AREA_LEADER: the places they answer for (replaces the list)." })
  placeIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: "DEPARTMENT: the department they report for." })
  departmentId?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Disabling ends the account's sessions; it cannot sign in until enabled again.",
  })
  disabled?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: "A new password (at least 10 characters); the account's other sessions end.",
  })
  password?: string | null;
}
