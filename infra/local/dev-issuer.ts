import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';

type Key = Awaited<ReturnType<typeof importJWK>>;
import type { Role } from '#shared/config/routes.ts';

/**
 * The local stand-in for the cloud's OIDC issuer (Cognito by default): it signs tokens with a key
 * kept in the local data folder, and the local server verifies them the way API Gateway's JWT
 * authorizer does (signature, issuer, audience, expiry).
 */
export const DEV_ISSUER = 'https://dev-issuer.oms-register.local';
export const DEV_AUDIENCE = 'oms-register-local';
const ALG = 'ES256';

export interface DevTokenClaims {
  sub: string;
  roles: Role[];
  region?: string;
  insurerId?: string;
  clinicId?: string;
  snils?: string;
}

export class DevIssuer {
  private constructor(
    private readonly privateKey: Key,
    private readonly publicKey: Key,
  ) {}

  /** With a folder, the key survives restarts (tokens printed yesterday still work); without, it is new. */
  static async create(dataDir?: string): Promise<DevIssuer> {
    const file = dataDir && join(dataDir, 'dev-issuer-key.json');
    let jwk: JWK;
    if (file && existsSync(file)) {
      jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    } else {
      const { privateKey } = await generateKeyPair(ALG, { extractable: true });
      jwk = await exportJWK(privateKey);
      if (file) {
        mkdirSync(dataDir!, { recursive: true });
        writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
      }
    }
    const { d: _private, ...publicJwk } = jwk;
    return new DevIssuer(await importJWK(jwk, ALG), await importJWK(publicJwk, ALG));
  }

  /**
   * A token with Cognito's claim names, so that handlers read it exactly as they read the cloud's.
   * `extra` adds claims of any name, as a user-editable profile might (tests show they are ignored);
   * `sub: ''` leaves the subject out.
   */
  async sign(
    claims: DevTokenClaims,
    options: { expiresIn?: string | number; audience?: string; issuedAt?: number; extra?: Record<string, unknown> } = {},
  ): Promise<string> {
    const payload: JWTPayload = {
      ...options.extra,
      'cognito:groups': claims.roles,
      ...(claims.region ? { 'custom:region': claims.region } : {}),
      ...(claims.insurerId ? { 'custom:insurer_id': claims.insurerId } : {}),
      ...(claims.clinicId ? { 'custom:clinic_id': claims.clinicId } : {}),
      ...(claims.snils ? { 'custom:snils': claims.snils } : {}),
      token_use: 'id',
    };
    const jwt = new SignJWT(payload).setProtectedHeader({ alg: ALG, kid: 'dev' });
    if (claims.sub) jwt.setSubject(claims.sub);
    return jwt
      .setIssuer(DEV_ISSUER)
      .setAudience(options.audience ?? DEV_AUDIENCE)
      .setIssuedAt(options.issuedAt)
      .setExpirationTime(options.expiresIn ?? '12h')
      .sign(this.privateKey);
  }

  /**
   * The claims as API Gateway hands them to Lambda (strings, arrays as "[a b]"), or undefined.
   * Expiry is checked against real time, never the register's clock (time travel): API Gateway
   * knows nothing of the register's time, and a token printed at start must survive a travel.
   */
  async verify(token: string): Promise<Record<string, string> | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: [ALG] });
      return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]));
    } catch {
      return undefined;
    }
  }
}

/** One ready identity per kind of caller, for `npm start` to print and save in `.local/tokens.json`. */
export const DEMO_IDENTITIES: Record<string, { claims: DevTokenClaims; who: string }> = {
  citizen: { who: 'a citizen (SNILS 112-233-445 95, the example below)', claims: { sub: 'citizen-ivanov', roles: ['citizen'], snils: '11223344595' } },
  operator: { who: 'an MFC operator in Moscow (region 77)', claims: { sub: 'operator-mfc-77', roles: ['operator'], region: '77' } },
  insurer_office: { who: "an operator of an insurer's office (sogaz-med)", claims: { sub: 'operator-sogaz', roles: ['operator'], insurerId: 'sogaz-med' } },
  insurer: { who: 'an insurer (sogaz-med)', claims: { sub: 'insurer-sogaz', roles: ['insurer'], insurerId: 'sogaz-med' } },
  clinic: { who: 'a clinic (clinic-1)', claims: { sub: 'clinic-1', roles: ['clinic'], clinicId: 'clinic-1' } },
  fund_admin: { who: "the fund's administrator", claims: { sub: 'fund-admin', roles: ['fund_admin'] } },
};
