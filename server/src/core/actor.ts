/** The signed-in actor a request acts for: who they are and what their role lets them touch. */
export interface SessionUser {
  id: string;
  username: string;
  role: "PLANNER" | "AREA_LEADER" | "DEPARTMENT" | "VIEWER";
  departmentId: string | null;
  placeIds: string[];
}
