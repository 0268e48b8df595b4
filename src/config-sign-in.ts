// Sign-in settings: the password form and single sign-on (OpenID Connect), whose variables are checked together.
import { ConfigError, type Env } from './config-env';

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUrl: URL;
  /** Shown on the sign-in button: 'Sign in with <providerName>'. */
  providerName: string;
  rolesClaim: string;
  groups: RoleGroups;
}

/** Claim values that give each role (src/auth/oidc-roles.ts). */
export interface RoleGroups {
  admin: string[];
  reviewer: string[];
  recruiter: string[];
}

export interface SignInSettings {
  /** false: the password form is not shown and POST /login refuses (LOCAL_LOGIN=false, once SSO works). */
  isLocalLoginOn: boolean;
  oidc?: OidcSettings;
}

// The OIDC variables belong together: with OIDC_ISSUER set, the client, the callback and at least one group are needed.
export function signInSettings(e: Env): SignInSettings {
  const problems: string[] = [];
  const groups: RoleGroups = {
    admin: e.OIDC_ADMIN_GROUPS,
    reviewer: e.OIDC_REVIEWER_GROUPS,
    recruiter: e.OIDC_RECRUITER_GROUPS,
  };
  if (!e.OIDC_ISSUER) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const)
      if (e[name]) problems.push(`${name}: is set but OIDC_ISSUER is not`);
    if (!e.LOCAL_LOGIN) problems.push('LOCAL_LOGIN: false needs single sign-on (OIDC_ISSUER), or nobody could sign in');
    if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
    return { isLocalLoginOn: e.LOCAL_LOGIN };
  }
  for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const)
    if (!e[name]) problems.push(`${name}: is required with OIDC_ISSUER`);
  if (groups.admin.length + groups.reviewer.length + groups.recruiter.length === 0) {
    problems.push(
      'OIDC_ADMIN_GROUPS: at least one of OIDC_ADMIN_GROUPS, OIDC_REVIEWER_GROUPS and OIDC_RECRUITER_GROUPS is required with OIDC_ISSUER',
    );
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  const issuer = new URL(e.OIDC_ISSUER);
  return {
    isLocalLoginOn: e.LOCAL_LOGIN,
    oidc: {
      issuer,
      clientId: e.OIDC_CLIENT_ID!,
      clientSecret: e.OIDC_CLIENT_SECRET!,
      redirectUrl: new URL(e.OIDC_REDIRECT_URL!),
      providerName: e.OIDC_PROVIDER_NAME ?? issuer.hostname,
      rolesClaim: e.OIDC_ROLES_CLAIM,
      groups,
    },
  };
}
