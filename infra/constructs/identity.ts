import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccountRecovery, ClientAttributes, FeaturePlan, Mfa, StringAttribute, UserPool, UserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '#shared/config/routes.ts';

export interface IdentityProps {
  namePrefix: string;
  /** An existing OIDC issuer (e.g. the federal ESIA) and its audiences; without it, a Cognito pool. */
  oidc?: { issuer: string; audiences: string[] };
}

/**
 * Where the API's bearer tokens come from: a given OIDC issuer, or a Cognito user pool with one
 * group per role and the scope attributes (region, insurer, clinic, SNILS) the handlers read.
 * Users cannot write those attributes themselves: administrators set them.
 */
export class Identity extends Construct {
  readonly issuer: string;
  readonly audiences: string[];
  readonly userPool?: UserPool;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    if (props.oidc) {
      this.issuer = props.oidc.issuer;
      this.audiences = props.oidc.audiences;
      return;
    }
    const pool = new UserPool(this, 'Users', {
      userPoolName: props.namePrefix,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      customAttributes: {
        region: new StringAttribute({ minLen: 2, maxLen: 2, mutable: true }),
        insurer_id: new StringAttribute({ minLen: 1, maxLen: 40, mutable: true }),
        clinic_id: new StringAttribute({ minLen: 1, maxLen: 40, mutable: true }),
        snils: new StringAttribute({ minLen: 11, maxLen: 11, mutable: true }),
      },
    });
    for (const role of ROLES) new UserPoolGroup(this, `Group-${role}`, { userPool: pool, groupName: role, description: `Register role ${role}` });
    const client = pool.addClient('Portal', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      // Scope attributes decide what a caller may see: never writable by the user.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });
    const plusReason =
      'Citizens sign in through the federal identity provider (context oidcIssuer); this pool serves a small staff population with MFA required, where threat protection (Plus plan) is not worth its per-user price.';
    Validations.of(pool).acknowledge({ id: 'AwsSolutions-COG3', reason: plusReason }, { id: 'AwsSolutions-COG8', reason: plusReason });
    this.userPool = pool;
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${pool.userPoolId}`;
    // Cognito ID tokens carry the groups and custom attributes, with the client id as audience.
    this.audiences = [client.userPoolClientId];
  }
}
