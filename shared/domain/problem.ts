/**
 * Every refusal the register gives is a Problem: RFC 9457 problem details with a stable `code`
 * and, where input was at fault, the JSON pointers of the failing fields.
 */
export interface FieldError {
  /** JSON pointer into the request body, e.g. `/person/snils`. */
  pointer: string;
  code: string;
  detail: string;
}

export interface ProblemInit {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: FieldError[];
  /** Extension members (e.g. the existing record on a conflict). Never personal data. */
  extensions?: Record<string, unknown>;
  /** Response headers that go with it, e.g. Retry-After. */
  headers?: Record<string, string>;
}

export class Problem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldError[];
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(init: ProblemInit) {
    super(`${init.code}: ${init.detail ?? init.title}`);
    this.name = 'Problem';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.extensions = init.extensions ?? {};
    this.headers = init.headers ?? {};
  }

  static invalid(errors: FieldError[], detail = 'The request has invalid fields.'): Problem {
    return new Problem({ status: 422, code: 'validation-failed', title: 'Invalid request', detail, errors });
  }

  static forbidden(detail: string, errors?: FieldError[], code = 'forbidden'): Problem {
    return new Problem({ status: 403, code, title: 'Forbidden', detail, errors });
  }

  /** Anything unexpected: says nothing of what failed, only that a retry is safe. */
  static internal(): Problem {
    return new Problem({ status: 500, code: 'internal-error', title: 'Internal error', detail: 'The register could not complete the request. It is safe to retry.' });
  }

  static notFound(what: string): Problem {
    return new Problem({ status: 404, code: 'not-found', title: 'Not found', detail: `${what} was not found.` });
  }
}

export const PROBLEM_TYPE_BASE = 'urn:oms-register:problem:';
