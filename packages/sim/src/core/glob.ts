/** Glob matching for scenario rules: `*` matches any run of characters (slashes and colons too), `?` one. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

export function globMatch(glob: string, value: string): boolean {
  return globToRegExp(glob).test(value);
}
