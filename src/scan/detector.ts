import type { ts } from 'ts-morph';
import type { CallSiteDraft, DetectContext } from './call-site.js';

/**
 * One SDK family's recogniser. Adding an SDK is adding one module under `src/scan/sdks/` that exports an object
 * satisfying this interface, and listing it in `src/scan/sdks/index.ts`.
 */
export interface Detector {
  /** Family name used in call-site ids and reports: `openai`, `anthropic`, ... */
  family: string;
  /** The SDK reference this detector follows. */
  docs: string;
  /** Package specifiers that enable the detector: a file importing one of them is scanned for it. */
  packages: readonly string[];
  /** Substrings whose presence makes a file a candidate (a cheap prefilter before parsing). */
  keywords: readonly string[];
  /** Last member names of the callees it recognises (`create`, `createChatCompletion`): the scanner only asks about these. */
  methods: readonly string[];
  /**
   * Returns the call site for a call whose callee ends in one of `methods`, or undefined when it is not this SDK's.
   * `chain` is the callee's member names, receiver first (`['client', 'chat', 'completions', 'create']`), and
   * `receiverAt(i)` is the expression that holds `chain[i]`.
   */
  detect(call: ts.CallExpression, chain: CalleeChain, ctx: DetectContext): CallSiteDraft | undefined;
  /**
   * Class names whose construction can itself be the call site (an agent or a chat model object whose
   * invocations are out of sight: `new ToolLoopAgent({...})`, `new ChatOpenAI({...})`). Optional.
   */
  constructors?: readonly string[];
  /** Returns the call site for `new X(...)` with X (as imported) in `constructors`, or undefined. */
  detectNew?(node: ts.NewExpression, className: string, ctx: DetectContext): CallSiteDraft | undefined;
}

export interface CalleeChain {
  names: string[];
  /** The expression whose value is `names[0..i]`: `nodes[0]` is the receiver root. */
  nodes: ts.Expression[];
}

/** True when the callee's member names end with `tail` (`['chat', 'completions', 'create']`). */
export function endsWith(names: readonly string[], tail: readonly string[]): boolean {
  if (names.length < tail.length) return false;
  const offset = names.length - tail.length;
  return tail.every((name, i) => names[offset + i] === name);
}
