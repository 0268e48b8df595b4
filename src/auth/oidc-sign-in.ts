// Single sign-on with OpenID Connect through openid-client (a certified relying party): authorization code with PKCE,
// state and nonce; the ID token is checked by the library (issuer, audience, expiry, signature against the provider's
// keys). Every request to the provider goes through the outbound client, so OUTBOUND_ALLOW_HOSTS applies to it too.
import * as oidc from 'openid-client';
import type { OidcSettings } from '../config-sign-in';
import type { OutboundClient } from '../outbound/outbound-client';
import { roleFromClaims } from './oidc-roles';
import type { ExternalIdentity } from './users';

/** What the browser keeps between the redirect to the provider and the way back (in a short-lived cookie). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  next?: string;
}

/** The sign-in could not be completed; `reason` is fixed text for the page, `detail` is for the log. */
export class OidcSignInError extends Error {
  override name = 'OidcSignInError';
  constructor(
    readonly reason: string,
    readonly detail: string,
  ) {
    super(reason);
  }
}

/** The discovery document could not be read or used: the service does not start. */
export class OidcDiscoveryError extends Error {
  override name = 'OidcDiscoveryError';
}

const SCOPE = 'openid email profile';

// openid-client hands its fetch a body of several kinds; the outbound client sends a string or bytes.
function outboundFetch(outbound: OutboundClient): oidc.CustomFetch {
  return (url, options) => {
    const { body } = options;
    const sent =
      body === null || body === undefined
        ? undefined
        : typeof body === 'string'
          ? body
          : body instanceof URLSearchParams
            ? body.toString()
            : body instanceof Uint8Array
              ? Buffer.from(body)
              : body instanceof ArrayBuffer
                ? Buffer.from(body)
                : undefined;
    if (body instanceof ReadableStream)
      throw new Error('streamed request bodies are not sent to the identity provider');
    return outbound.fetch(url, {
      method: options.method,
      headers: options.headers,
      body: sent,
      signal: options.signal,
    });
  };
}

export class OidcSignIn {
  private constructor(
    private readonly configuration: oidc.Configuration,
    readonly settings: OidcSettings,
  ) {}

  /** Reads the provider's discovery document; fails with a message naming OIDC_ISSUER when it cannot. */
  static async discover(settings: OidcSettings, outbound: OutboundClient): Promise<OidcSignIn> {
    const where = new URL(
      '.well-known/openid-configuration',
      settings.issuer.href.endsWith('/') ? settings.issuer : `${settings.issuer.href}/`,
    );
    try {
      const configuration = await oidc.discovery(
        settings.issuer,
        settings.clientId,
        { redirect_uris: [settings.redirectUrl.href], response_types: ['code'] },
        oidc.ClientSecretBasic(settings.clientSecret),
        {
          [oidc.customFetch]: outboundFetch(outbound),
          // ID token signatures are checked against the provider's keys even over TLS (openid-client skips it by
          // default there); plain http only for a provider on this machine (config.ts refuses it elsewhere).
          execute: [
            oidc.enableNonRepudiationChecks,
            ...(settings.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
          ],
          timeout: 10,
        },
      );
      if (!configuration.serverMetadata().supportsPKCE())
        throw new Error('the provider does not announce PKCE with S256 (code_challenge_methods_supported)');
      return new OidcSignIn(configuration, settings);
    } catch (error) {
      const cause = error as { message?: string; cause?: { message?: string } };
      const because = [cause.message, cause.cause?.message].filter(Boolean).join(': ');
      throw new OidcDiscoveryError(
        `OIDC_ISSUER: the discovery document ${where.href} could not be read or is not valid (${because}). Check OIDC_ISSUER, the network and OUTBOUND_ALLOW_HOSTS, then start again.`,
      );
    }
  }

  get providerName(): string {
    return this.settings.providerName;
  }

  /** The provider's authorization URL for a new sign-in, and what the browser must keep until it comes back. */
  async start(next: string | undefined): Promise<{ url: URL; pending: PendingSignIn }> {
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier, next };
    const url = oidc.buildAuthorizationUrl(this.configuration, {
      redirect_uri: this.settings.redirectUrl.href,
      scope: SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /**
   * Completes a sign-in from the callback's query: checks state, redeems the code with the PKCE verifier and checks
   * the ID token (nonce included). Returns who signed in and the role their groups give.
   */
  async finish(callbackQuery: string, pending: PendingSignIn): Promise<ExternalIdentity> {
    // The configured callback URL, never one built from the request's Host header.
    const currentUrl = new URL(this.settings.redirectUrl.href);
    currentUrl.search = callbackQuery;
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(this.configuration, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw toSignInError(error);
    }
    const claims = tokens.claims();
    if (!claims) throw new OidcSignInError('the provider sent no ID token', 'no id_token in the token response');
    const email = [claims.email, claims.preferred_username, claims.upn].find(
      (value): value is string => typeof value === 'string' && value.includes('@'),
    );
    return {
      externalId: `oidc:${claims.iss}#${claims.sub}`,
      email,
      role: roleFromClaims(claims as Record<string, unknown>, this.settings.rolesClaim, this.settings.groups),
    };
  }

  /** Where to send the browser after the local session ended (RP-initiated logout), or null when the provider has no such endpoint. */
  endSessionUrl(afterLogout: URL): URL | null {
    if (!this.configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(this.configuration, {
      client_id: this.settings.clientId,
      post_logout_redirect_uri: afterLogout.href,
    });
  }
}

// The page says what kind of failure it was; the log gets the library's words (openid-client wraps oauth4webapi's).
function toSignInError(error: unknown): OidcSignInError {
  const failure = error as { name?: string; message?: string; code?: string; cause?: { message?: string } };
  const detail = [
    `${failure.name ?? 'Error'}: ${failure.message ?? String(error)}`,
    failure.code,
    failure.cause?.message,
  ]
    .filter(Boolean)
    .join(' / ');
  if (error instanceof oidc.AuthorizationResponseError)
    return new OidcSignInError(`the provider did not sign you in (${error.error})`, detail);
  if (error instanceof oidc.ResponseBodyError)
    return new OidcSignInError(`the provider refused to complete the sign-in (${error.error})`, detail);
  if (/"state"/.test(failure.cause?.message ?? ''))
    return new OidcSignInError('the answer did not belong to a sign-in started in this browser', detail);
  return new OidcSignInError('the answer from the provider could not be verified', detail);
}
