import type { SimModule } from '../core/simulator';
import { DEFAULT_OIDC_REQUEST_TOKEN, registerOidcContext } from './issuer';
import { signingKey } from './jwt';
import { githubRoutes, splitRequestToken } from './routes';

export { buildClaims, normaliseContext, subjectOf, type OidcContext } from './claims';
export {
  DEFAULT_OIDC_REQUEST_TOKEN,
  issueGithubToken,
  registerOidcContext,
  tokenRequestUrl,
  verifyGithubToken,
  type TokenRejection,
  type VerifyResult,
} from './issuer';
export { GITHUB_ISSUER, GITHUB_ISSUER_HOST } from './jwt';

/**
 * GitHub's side of a workflow run: the OIDC token endpoint the runner points ACTIONS_ID_TOKEN_REQUEST_URL at,
 * the issuer's discovery document and JWKS, and `/_sim/oidc/contexts` to say which run a request token is.
 */
export const githubModule: SimModule = {
  name: 'github',
  install(sim) {
    signingKey();
    for (const route of githubRoutes(sim)) sim.addRoute(route);
    // `oidc`: the default run, registered under the seed's requestToken or DEFAULT_OIDC_REQUEST_TOKEN.
    sim.onSeed('oidc', (data) => {
      const { requestToken, context } = splitRequestToken(data);
      registerOidcContext(sim, context, requestToken ?? DEFAULT_OIDC_REQUEST_TOKEN);
    });
  },
};
