import { App } from 'aws-cdk-lib';
import { parseOrigins } from '#shared/config/cors.ts';
import { addNagPacks } from './nag.ts';
import { RegisterStack } from './register-stack.ts';

/**
 * `cdk deploy -c stage=prod -c region=<region> [-c corsOrigins=https://a,https://b] [-c alarmEmail=ops@example.org]
 *  [-c oidcIssuer=https://issuer -c oidcAudiences=client-a,client-b]`
 */
export function buildApp(app = new App()): { app: App; stack: RegisterStack } {
  const context = (name: string): string | undefined => app.node.tryGetContext(name) as string | undefined;
  const stage = context('stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`stage must be lower-case letters, digits and dashes: ${stage}`);
  const region = context('region') ?? process.env.CDK_DEFAULT_REGION ?? 'eu-central-1';
  const days = context('temporaryPolicyDays');
  const issuer = context('oidcIssuer');
  const audiences = (context('oidcAudiences') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  if (issuer && audiences.length === 0) throw new Error('oidcIssuer needs oidcAudiences (the client ids its tokens are issued for)');
  const stack = new RegisterStack(app, `OmsRegister-${stage}`, {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
    stage,
    corsOrigins: parseOrigins(context('corsOrigins')),
    alarmEmail: context('alarmEmail'),
    temporaryPolicyDays: days ? Number(days) : undefined,
    oidc: issuer ? { issuer, audiences } : undefined,
    description: `ОМС e-policy register (${stage})`,
  });
  addNagPacks(app);
  return { app, stack };
}

if (import.meta.url === `file://${process.argv[1]}`) buildApp().app.synth();
