// Some dependencies (@actions/*, @octokit/* and theirs) publish ESM only, behind the "import" export
// condition. Jest resolves with "require"; retry those with "import" so @swc/jest can transform them.
const ESM_ONLY =
  /^(@actions|@octokit)\/|^(universal-user-agent|before-after-hook|fast-content-type-parse|json-with-bigint)$/;

// The workspace's own packages export their TypeScript source under this condition (and built JavaScript by
// default, for plain Node): tests run against the source.
const SOURCE = '@ecs-delivery/source';

module.exports = (request, options) => {
  if (ESM_ONLY.test(request)) {
    return options.defaultResolver(request, { ...options, conditions: ['import', 'node', 'default'] });
  }
  if (request.startsWith('@ecs-delivery/')) {
    const conditions = options.conditions ?? ['require', 'node', 'default'];
    return options.defaultResolver(request, { ...options, conditions: [SOURCE, ...conditions] });
  }
  return options.defaultResolver(request, options);
};
