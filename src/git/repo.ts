import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { UserError } from '../errors.js';

const run = promisify(execFile);

/** The one wrapper around git: every read of history and of base contents goes through here. */
export class GitRepo {
  constructor(readonly dir: string) {}

  async git(args: string[]): Promise<string> {
    try {
      const { stdout } = await run('git', args, { cwd: this.dir, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
      return stdout;
    } catch (error) {
      const e = error as { stderr?: string; code?: string | number };
      if (e.code === 'ENOENT') throw new UserError('git is not installed or not on PATH');
      throw new UserError(`git ${args.join(' ')} failed in ${this.dir}: ${(e.stderr ?? String(error)).trim().split('\n')[0]}`);
    }
  }

  /** Like `git`, but a failing command gives undefined. */
  async tryGit(args: string[]): Promise<string | undefined> {
    try {
      return await this.git(args);
    } catch (error) {
      if (error instanceof UserError && error.message.startsWith('git is not installed')) throw error;
      return undefined;
    }
  }

  /** The repository's top-level folder; a clear error when `dir` is not in a git repository. */
  async topLevel(): Promise<string> {
    const out = await this.tryGit(['rev-parse', '--show-toplevel']);
    if (!out?.trim()) throw new UserError(`${this.dir} is not inside a git repository (use --repo <dir>)`);
    return out.trim();
  }

  /**
   * The commit a ref names. In a shallow clone without that commit (the default for `actions/checkout`), fetches
   * it once (`git fetch --depth=1 origin <ref>`); when that fails too, says exactly what to run.
   */
  async resolveCommit(ref: string): Promise<string> {
    const sha = await this.tryResolve(ref);
    if (sha) return sha;
    const shallow = (await this.tryGit(['rev-parse', '--is-shallow-repository']))?.trim() === 'true';
    const remote = (await this.tryGit(['remote']))?.split('\n')[0]?.trim();
    const ancestor = /^(.*?)(?:~(\d+)|(\^+))$/.exec(ref);
    if (shallow && ancestor) {
      // `HEAD~1` in a depth-1 clone: the parent is not there yet; deepen the history by as many commits.
      const depth = ancestor[2] ? Number(ancestor[2]) : ancestor[3]!.length;
      if ((await this.tryGit(['fetch', '--no-tags', `--deepen=${depth}`])) !== undefined) {
        const deepened = await this.tryResolve(ref);
        if (deepened) return deepened;
      }
    }
    if (remote) {
      const fetchRef = ref.startsWith(`${remote}/`) ? ref.slice(remote.length + 1) : ref;
      if ((await this.tryGit(['fetch', '--no-tags', '--depth=1', remote, fetchRef])) !== undefined) {
        const fetched = (await this.tryResolve(ref)) ?? (await this.tryResolve('FETCH_HEAD'));
        if (fetched) return fetched;
      }
    }
    const advice = shallow
      ? ` This is a shallow clone: run \`git fetch --depth=1 origin ${ref}\` (or check out with fetch-depth: 0).`
      : remote
        ? ` If it exists on the remote, run \`git fetch origin ${ref}\`.`
        : '';
    throw new UserError(`git ref '${ref}' not found in ${this.dir}.${advice}`);
  }

  private async tryResolve(ref: string): Promise<string | undefined> {
    const out = await this.tryGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return out?.trim() || undefined;
  }

  /** Files of a commit with their blob sizes (one `ls-tree`, no checkout). */
  async listTree(sha: string): Promise<Map<string, number>> {
    const out = await this.git(['ls-tree', '-r', '-z', '-l', '--full-tree', sha]);
    const files = new Map<string, number>();
    for (const entry of out.split('\0')) {
      if (!entry) continue;
      const tab = entry.indexOf('\t');
      const [, type, , size] = entry.slice(0, tab).split(/\s+/);
      if (type === 'blob') files.set(entry.slice(tab + 1), Number(size));
    }
    return files;
  }

  /** Tracked and untracked-but-not-ignored files of the working tree. */
  async listWorkingTree(): Promise<string[]> {
    const out = await this.git(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name']);
    return [...new Set(out.split('\0').filter(Boolean))];
  }

  /**
   * Paths whose content differs between base and head (head undefined: the working tree), with git's rename
   * detection: `renames` maps a base path to its head path.
   */
  async changedPaths(base: string, head: string | undefined): Promise<{ changedInBase: Set<string>; changedInHead: Set<string>; renames: Map<string, string> }> {
    const args = ['diff', '--name-status', '-z', '-M', '--no-ext-diff', base, ...(head ? [head] : []), '--'];
    const fields = (await this.git(args)).split('\0');
    const changedInBase = new Set<string>();
    const changedInHead = new Set<string>();
    const renames = new Map<string, string>();
    for (let i = 0; i < fields.length; ) {
      const status = fields[i++];
      if (!status) continue;
      if (status.startsWith('R') || status.startsWith('C')) {
        const from = fields[i++]!;
        const to = fields[i++]!;
        if (status.startsWith('R')) renames.set(from, to);
        changedInBase.add(from);
        changedInHead.add(to);
      } else {
        const path = fields[i++]!;
        changedInBase.add(path);
        changedInHead.add(path);
      }
    }
    return { changedInBase, changedInHead, renames };
  }

  /**
   * Reads many blobs with one `git cat-file --batch` (100 files in tens of milliseconds, where as many `git show`
   * calls take ten times as long). Missing paths are absent from the result.
   */
  async readBlobs(sha: string, paths: readonly string[]): Promise<Map<string, Buffer>> {
    const result = new Map<string, Buffer>();
    if (paths.length === 0) return result;
    const child = spawn('git', ['cat-file', '--batch'], { cwd: this.dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const exited = new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new UserError(`git cat-file --batch exited with ${code}`))));
    });
    // Paths with a newline cannot be asked for on this line-based protocol; they are treated as missing.
    const asked = paths.filter((p) => !p.includes('\n'));
    child.stdin.end(asked.map((p) => `${sha}:${p}\n`).join(''));
    await exited;
    const out = Buffer.concat(chunks);
    let offset = 0;
    for (const path of asked) {
      const newline = out.indexOf(0x0a, offset);
      if (newline < 0) break;
      const header = out.toString('utf8', offset, newline);
      offset = newline + 1;
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) continue;
      const size = Number(header.split(' ')[2]);
      result.set(path, out.subarray(offset, offset + size));
      offset += size + 1;
    }
    return result;
  }
}
