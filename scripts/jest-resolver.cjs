// Some dependencies (@actions/*, @octokit/* and theirs) publish ESM only, behind the "import" export
// condition. Jest resolves with "require"; retry those with "import" so @swc/jest can transform them.
const ESM_ONLY =
  /^(@actions|@octokit)\/|^(universal-user-agent|before-after-hook|fast-content-type-parse|json-with-bigint)$/;

module.exports = (request, options) => {
  if (ESM_ONLY.test(request)) {
    return options.defaultResolver(request, { ...options, conditions: ['import', 'node', 'default'] });
  }
  return options.defaultResolver(request, options);
};
