import type { RouteDeclaration } from '#shared/config/routes.ts';

interface CompiledRoute {
  route: RouteDeclaration;
  pattern: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: 'route'; route: RouteDeclaration; params: Record<string, string> }
  /** A path parameter that is not valid percent-encoding: API Gateway answers 400. */
  | { kind: 'bad-encoding' }
  | { kind: 'none' };

function compile(route: RouteDeclaration): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}+]+)\+?\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

/** Matches requests to the declared routes the way API Gateway's HTTP API does. */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly RouteDeclaration[]) {
    this.compiled = routes.map(compile);
  }

  match(method: string, rawPath: string): RouteMatch {
    for (const c of this.compiled) {
      const m = c.route.method === method ? c.pattern.exec(rawPath) : null;
      if (!m) continue;
      const params: Record<string, string> = {};
      for (const [i, name] of c.names.entries()) {
        try {
          params[name] = decodeURIComponent(m[i + 1]!);
        } catch {
          return { kind: 'bad-encoding' };
        }
      }
      return { kind: 'route', route: c.route, params };
    }
    return { kind: 'none' };
  }
}

/** Splits a request target into its raw path and query without a URL parser that could throw. */
export function splitTarget(target: string): { rawPath: string; rawQueryString: string } {
  let rest = target;
  // The absolute form (`GET http://host/path`) names the path after the authority.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || '/';
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  return q >= 0 ? { rawPath: rest.slice(0, q), rawQueryString: rest.slice(q + 1) } : { rawPath: rest, rawQueryString: '' };
}
