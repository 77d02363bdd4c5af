#!/usr/bin/env node
// Makes a release: `node scripts/release.mjs X.Y.Z` in a clean checkout.
//
// The reusable workflows name this repository's actions and workflows by a full reference
// (`ecs-delivery/ecs-delivery/actions/deploy-ecs@main`): `./…` would resolve against the caller's checkout. A
// reference cannot name the commit that holds it, so the release commit rewrites every one of them to the new
// tag, vX.Y.Z, then tags that commit vX.Y.Z and moves the major tag vX onto it. A caller of `promote.yml@v1`
// thus runs the workflows and the actions of one and the same release.
//
// `node scripts/release.mjs --pin REF [--dir DIR]` only rewrites the references (in DIR, default here).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const OWN_REPOSITORY = 'ecs-delivery/ecs-delivery';
// A `uses:` of a step or a job (comments, which show usage, are left alone).
const OWN_REF =
  /^(\s*(?:-\s+)?uses:\s*)(ecs-delivery\/ecs-delivery\/(?:actions\/[a-z0-9-]+|\.github\/workflows\/[a-z0-9-]+\.ya?ml))@([A-Za-z0-9._/-]+)/gm;

/** Every reference to this repository's actions and workflows in `text`, with its ref. */
export function ownReferences(text) {
  return [...text.matchAll(OWN_REF)].map((m) => ({ target: m[2], ref: m[3] }));
}

/** `text` with every reference to this repository's actions and workflows pointing at `ref`. */
export function pinReferences(text, ref) {
  return text.replace(OWN_REF, (_, lead, target) => `${lead}${target}@${ref}`);
}

/** Rewrites the workflows under DIR/.github/workflows; returns the files changed. */
export function pinWorkflows(dir, ref) {
  const folder = join(dir, '.github', 'workflows');
  const changed = [];
  for (const name of readdirSync(folder).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const file = join(folder, name);
    const text = readFileSync(file, 'utf8');
    const pinned = pinReferences(text, ref);
    if (pinned !== text) {
      writeFileSync(file, pinned);
      changed.push(file);
    }
  }
  return changed;
}

function git(dir, ...args) {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
}

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(2);
}

function release(dir, version) {
  if (!/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(version)) {
    fail(`the version must be X.Y.Z (semver, no leading v); got ${JSON.stringify(version)}`);
  }
  const tag = `v${version}`;
  const major = `v${version.split('.')[0]}`;
  const changelog = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
  if (!new RegExp(`^## ${version.replaceAll('.', '\\.')}(\\s|$)`, 'm').test(changelog)) {
    fail(`CHANGELOG.md has no "## ${version}" section: write what the release brings first`);
  }
  if (git(dir, 'status', '--porcelain', '--untracked-files=no') !== '') fail('the working tree has changes');
  if (git(dir, 'tag', '--list', tag) !== '') fail(`the tag ${tag} exists already`);
  const changed = pinWorkflows(dir, tag);
  if (changed.length > 0) {
    git(dir, 'add', '--', ...changed);
    git(dir, 'commit', '--quiet', '-m', `Release ${tag}`);
  }
  git(dir, 'tag', '-a', tag, '-m', `ecs-delivery ${tag}`);
  git(dir, 'tag', '-f', major, tag + '^{commit}');
  console.log(`Tagged ${tag} (${git(dir, 'rev-parse', '--short', 'HEAD')}) and moved ${major} onto it.`);
  for (const file of changed) console.log(`  pinned ${file} to ${tag}`);
}

const args = process.argv.slice(2);
if (import.meta.url === `file://${process.argv[1]}`) {
  const dirAt = args.indexOf('--dir');
  const dir = resolve(dirAt >= 0 ? (args[dirAt + 1] ?? '') : '.');
  const pinAt = args.indexOf('--pin');
  if (pinAt >= 0) {
    const ref = args[pinAt + 1];
    if (ref === undefined || ref.startsWith('-')) fail('--pin takes a ref');
    for (const file of pinWorkflows(dir, ref)) console.log(`pinned ${file} to ${ref}`);
  } else if (args.length === 1) {
    release(dir, args[0]);
  } else {
    fail('usage: node scripts/release.mjs X.Y.Z | --pin REF [--dir DIR]');
  }
}
