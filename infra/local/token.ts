/**
 * `npm run -s token -- --role <role> [--sub id] [--region 77] [--insurer id] [--clinic id] [--snils digits] [--hours 12]`:
 * a token of the local development issuer for any caller, e.g. an operator of another region.
 * (`-s` keeps npm's own banner out of `TOKEN=$(...)`.)
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '#shared/config/routes.ts';
import { DevIssuer } from './dev-issuer.ts';
import { DEFAULT_DATA_DIR } from './runtime.ts';

const USAGE = `usage: npm run -s token -- --role <${ROLES.join('|')}> [--role ...] [--sub id] [--region 77] [--insurer id] [--clinic id] [--snils 11 digits] [--hours 12]`;

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
  if (roles.length === 0 || unknown.length > 0 || !(hours > 0 && hours <= 24 * 30)) throw new Error(USAGE);
  const issuer = await DevIssuer.create(process.env.REGISTER_DATA_DIR ?? DEFAULT_DATA_DIR);
  const token = await issuer.sign(
    { sub: values.sub ?? `${roles[0]}-${Date.now().toString(36)}`, roles: roles as Role[], region: values.region, insurerId: values.insurer, clinicId: values.clinic, snils: values.snils },
    { expiresIn: `${hours}h` },
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
