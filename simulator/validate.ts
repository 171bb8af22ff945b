// Request body checks in DigiCert's style: every problem becomes one error item
// whose message starts with the snake_case field path, and all are reported at once.
import { ApiError, badRequest, type ErrorItem } from "./errors";

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** An absent body reads as {} so that required fields are reported by name rather than as a format error. */
export function asBody(body: unknown): Obj {
  if (body === undefined) return {};
  if (!isObj(body)) throw badRequest("bad_request_format", "request body must be a JSON object");
  return body;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class Check {
  readonly errors: ErrorItem[] = [];

  missing(path: string, what = "required"): undefined {
    this.errors.push({ code: "missing_field", message: `${path}: ${what}` });
    return undefined;
  }

  invalid(path: string, what: string): undefined {
    this.errors.push({ code: "invalid_value", message: `${path}: ${what}` });
    return undefined;
  }

  done(): void {
    if (this.errors.length > 0) throw new ApiError(400, this.errors);
  }

  obj(parent: Obj, key: string, path: string, required: boolean): Obj | undefined {
    const v = parent[key];
    if (v === undefined || v === null) return required ? this.missing(path) : undefined;
    return isObj(v) ? v : this.invalid(path, "must be an object");
  }

  str(parent: Obj, key: string, path: string, required: boolean): string | undefined {
    const v = parent[key];
    if (v === undefined || v === null || (required && v === "")) return required ? this.missing(path) : undefined;
    return typeof v === "string" ? v : this.invalid(path, "must be a string");
  }

  strArray(parent: Obj, key: string, path: string, required: boolean): string[] | undefined {
    const v = parent[key];
    if (v === undefined || v === null || (required && Array.isArray(v) && v.length === 0)) {
      return required ? this.missing(path, "required, at least one value") : undefined;
    }
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) return this.invalid(path, "must be an array of strings");
    return v as string[];
  }

  emails(parent: Obj, key: string, path: string, required: boolean): string[] | undefined {
    const list = this.strArray(parent, key, path, required);
    if (!list) return undefined;
    const bad = list.findIndex((e) => !EMAIL.test(e));
    return bad >= 0 ? this.invalid(`${path}[${bad}]`, "must be a valid email address") : list;
  }

  int(parent: Obj, key: string, path: string, required: boolean): number | undefined {
    const v = parent[key];
    if (v === undefined || v === null) return required ? this.missing(path) : undefined;
    return typeof v === "number" && Number.isInteger(v) ? v : this.invalid(path, "must be an integer");
  }

  bool(parent: Obj, key: string, path: string, required: boolean): boolean | undefined {
    const v = parent[key];
    if (v === undefined || v === null) return required ? this.missing(path) : undefined;
    return typeof v === "boolean" ? v : this.invalid(path, "must be true or false");
  }

  oneOf<T extends string | number>(parent: Obj, key: string, path: string, allowed: readonly T[], required: boolean): T | undefined {
    const v = parent[key];
    if (v === undefined || v === null) return required ? this.missing(path, `required, one of ${allowed.join(", ")}`) : undefined;
    return allowed.includes(v as T) ? (v as T) : this.invalid(path, `must be one of ${allowed.join(", ")}`);
  }

  idObject(parent: Obj, key: string, path: string, required: boolean): number | undefined {
    const o = this.obj(parent, key, path, required);
    return o ? this.int(o, "id", `${path}.id`, true) : undefined;
  }
}
