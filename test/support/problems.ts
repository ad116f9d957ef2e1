import { Problem } from '#shared/domain/problem.ts';

/** The Problem a promise is refused with; the test fails if it resolves, or throws anything else. */
export async function problemFrom(p: Promise<unknown>): Promise<Problem> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(e instanceof Problem)) throw new Error(`expected a problem, got ${String(e)}`);
  return e;
}

/** A refusal's status and code. */
export async function statusAndCode(p: Promise<unknown>): Promise<{ status: number; code: string }> {
  const e = await problemFrom(p);
  return { status: e.status, code: e.code };
}

/** A refusal as the domain tests compare it: status, code, extensions, and the first field error's pointer and code. */
export async function refusal(p: Promise<unknown>) {
  const e = await problemFrom(p);
  return { status: e.status, code: e.code, ...e.extensions, ...(e.errors?.[0] ? { pointer: e.errors[0].pointer, field: e.errors[0].code } : {}) };
}
