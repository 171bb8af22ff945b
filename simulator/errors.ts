// DigiCert answers every failure with {"errors":[{code,message}]}; handlers throw
// ApiError and the server turns it into that envelope.

export interface ErrorItem {
  code: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly errors: ErrorItem[];

  constructor(status: number, errors: ErrorItem[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join("; "));
    this.name = "ApiError";
    this.status = status;
    this.errors = errors;
  }

  static of(status: number, code: string, message: string): ApiError {
    return new ApiError(status, [{ code, message }]);
  }
}

export function notFound(what: "order" | "certificate" | "request" | "product" | "route", message: string): ApiError {
  return ApiError.of(404, `not_found|${what}`, message);
}

export function badRequest(code: string, message: string): ApiError {
  return ApiError.of(400, code, message);
}

export function errorBody(errors: ErrorItem[]): { errors: ErrorItem[] } {
  return { errors };
}
