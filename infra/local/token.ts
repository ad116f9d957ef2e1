/**
 * `npm run -s token -- --role <role> [--sub id] [--region 77] [--insurer id] [--clinic id] [--snils digits] [--hours 12]`:
 * a token of the local development issuer for any caller, e.g. an operator of another region.
 * (`-s` keeps npm's own banner out of `TOKEN=$(...)`.)
 */
import { parseArgs } from 'node:util';
import { roleWithoutScope } from '#shared/auth/scopes.ts';
import { findRegion } from '#shared/catalogues/regions.ts';
import { ROLES, type Role } from '#shared/config/routes.ts';
import { DevIssuer } from './dev-issuer.ts';
import { DEFAULT_DATA_DIR } from './runtime.ts';

const USAGE = [
  `usage: npm run -s token -- --role <${ROLES.join('|')}> [--role ...] [--sub id] [--region 77] [--insurer id] [--clinic id] [--snils 11 digits] [--hours 12]`,
  '  an operator needs --region (MFC) or --insurer (insurer office); an insurer --insurer; a clinic --clinic',
].join('\n');

/** The option that gives each role its scope. */
const SCOPE_OPTION: Partial<Record<Role, string>> = { operator: '--region or --insurer', insurer: '--insurer', clinic: '--clinic' };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      region: { type: 'string' },
      insurer: { type: 'string' },
      clinic: { type: 'string' },
      snils: { type: 'string' },
      hours: { type: 'string', default: '12' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const roles = values.role ?? [];
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  const hours = Number(values.hours);
  const caller = { subject: values.sub ?? `${roles[0]}-${Date.now().toString(36)}`, roles: roles as Role[], region: values.region, insurerId: values.insurer, clinicId: values.clinic, snils: values.snils };
  const unscoped = roleWithoutScope(caller);
  const checks: [boolean, string][] = [
    [roles.length === 0, 'name at least one --role'],
    [unknown.length > 0, `unknown role ${unknown.join(', ')}`],
    [Boolean(unscoped), `${/^[aeiou]/.test(unscoped ?? '') ? 'an' : 'a'} ${unscoped} token needs ${SCOPE_OPTION[unscoped!]} (the register refuses it without)`],
    [values.region !== undefined && !findRegion(values.region), `--region ${values.region} is not a region code of the register (e.g. 77, 50, 78)`],
    [values.snils !== undefined && !/^\d{11}$/.test(values.snils), '--snils takes the 11 digits of a SNILS'],
    [!(hours > 0 && hours <= 24 * 30), '--hours takes a number of hours up to 720'],
  ];
  const problem = checks.find(([failed]) => failed)?.[1];
  if (problem) throw new Error(`${problem}\n${USAGE}`);
  const issuer = await DevIssuer.create(process.env.REGISTER_DATA_DIR ?? DEFAULT_DATA_DIR);
  const token = await issuer.sign({ ...caller, sub: caller.subject }, { expiresIn: `${hours}h` });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
