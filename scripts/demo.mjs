// npm run demo: rebuilds example/ as a git repository with two commits (a base and a pull request's head) in a
// temp folder, and prints the report llm-cost-diff would post on that pull request. Needs only dist/ and git.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = join(root, 'example');

/** How the example looked before the pull request: each entry undoes one of the PR's changes. */
const BASE_EDITS = [
  { file: 'src/models.ts', from: "reply: 'gpt-4.1'", to: "reply: 'gpt-4.1-mini'" },
  { file: 'prompts/support-reply.md', cut: /\nRules:[\s\S]*?instructions\.\n/ },
  { file: 'src/search.ts', remove: true },
];

const repo = mkdtempSync(join(tmpdir(), 'llm-cost-diff-demo-'));
const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
try {
  cpSync(example, repo, { recursive: true });
  for (const edit of BASE_EDITS) {
    const path = join(repo, edit.file);
    if (edit.remove) rmSync(path);
    else writeFileSync(path, readFileSync(path, 'utf8').replace(edit.from ?? edit.cut, edit.to ?? '\n'));
  }
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=demo', '-c', 'user.email=demo@example.com', 'add', '-A');
  git('-c', 'user.name=demo', '-c', 'user.email=demo@example.com', 'commit', '-q', '-m', 'Support assistant');
  cpSync(example, repo, { recursive: true });
  git('-c', 'user.name=demo', '-c', 'user.email=demo@example.com', 'add', '-A');
  git('-c', 'user.name=demo', '-c', 'user.email=demo@example.com', 'commit', '-q', '-m', 'Smarter replies, stricter rules, semantic search');

  process.stderr.write(`Example repository with two commits in ${repo}\nRunning: llm-cost-diff --base HEAD~1 --format markdown\n\n`);
  const result = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--base', 'HEAD~1', '--format', 'markdown', '--quiet'], { cwd: repo, stdio: 'inherit' });
  if (result.status === 1) process.stderr.write('\n(The check would fail: the increase breaks the example budget. A maintainer can apply the approval label.)\n');
  else if (result.status !== 0) process.exitCode = result.status ?? 1;
} finally {
  rmSync(repo, { recursive: true, force: true });
}
