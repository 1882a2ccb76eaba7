/** Raised when input is not a plan text of the expected shape; the message names the line and what was expected. */
export class PlanFormatError extends Error {
  override readonly name = "PlanFormatError";
  readonly code = "PLAN_FORMAT";

  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

/** Raised when a plan's curation data (departments, repairs, indicator map) does not fit its text. */
export class CurationError extends Error {
  override readonly name = "CurationError";
  readonly code = "CURATION";
}
