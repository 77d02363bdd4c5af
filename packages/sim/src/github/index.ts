import { seedValue } from '../core/seed-entries';
import type { SimModule } from '../core/simulator';
import { DEFAULT_OIDC_REQUEST_TOKEN, registerOidcContext } from './issuer';
import { signingKey } from './jwt';
import { githubRestRoute } from './api';
import { githubState } from './store';
import { githubRoutes, splitRequestToken } from './issuer-routes';

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
export { GITHUB_API_PREFIX } from './api';
export { githubState, tokenFingerprint, type GithubRestState } from './store';

/**
 * GitHub's side of a workflow run: the OIDC token endpoint the runner points ACTIONS_ID_TOKEN_REQUEST_URL at,
 * the issuer's discovery document and JWKS, `/_sim/oidc/contexts` to say which run a request token is, and the
 * REST endpoints GITHUB_API_URL (`/_github/api`) serves: deployments, deployment statuses, issue comments.
 */
export const githubModule: SimModule = {
  name: 'github',
  install(sim) {
    signingKey();
    for (const route of githubRoutes(sim)) sim.addRoute(route);
    sim.addRoute(githubRestRoute(sim));
    githubState(sim); // so `github` shows in `/_sim/state` before the first request
    // `oidc`: the default run, registered under the seed's requestToken or DEFAULT_OIDC_REQUEST_TOKEN.
    sim.onSeed('oidc', (data) => {
      seedValue('oidc', data, (value) => {
        const { requestToken, context } = splitRequestToken(value);
        registerOidcContext(sim, context, requestToken ?? DEFAULT_OIDC_REQUEST_TOKEN);
      });
    });
  },
};
