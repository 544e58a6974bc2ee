import type { ts } from 'ts-morph';
import type { CachePlacement } from './cache-placement.js';
import type { InlineAssumptions } from './inline-assumptions.js';
import type { HistoryInfo } from './history.js';
import type { Multiplicity } from './multiplicity.js';
import type { ReasoningInfo } from './reasoning.js';
import type { Origin, TextPart, Value } from './value.js';

/** One message-like piece of a prompt, in the order the provider receives it. */
export interface PromptSegment {
  role: 'system' | 'user' | 'assistant' | 'tool' | 'input';
  parts: TextPart[];
  /** An explicit cache breakpoint ends here (Anthropic `cache_control`, Bedrock `cachePoint`). */
  cacheBreakpoint?: boolean;
}

/** What kind of work the call bills for. */
export type Operation = 'chat' | 'completion' | 'embedding';

/** A value the scanner could not pin down, reported as a warning with file and line. */
export interface Unresolved {
  what: 'model' | 'prompt' | 'maxOutputTokens' | 'provider' | 'params';
  expr: string;
  reason: string;
  origin: Origin;
}

/**
 * One LLM call site as a detector sees it, in one snapshot. Every detector returns this shape; the estimator
 * never looks at SDK-specific syntax.
 */
export interface CallSiteDraft {
  sdk: string;
  /** The SDK surface as the user knows it, e.g. `openai.chat.completions.create`. */
  method: string;
  operation: Operation;
  /** The call expression's position. */
  origin: Origin;
  /** Resolved model value (text), or an unknown with the expression. */
  model: Value | undefined;
  /** Provider that bills the call: `openai`, `azure`, `anthropic`, `aws`, `google`, `groq`, ... */
  provider: string;
  /** How the provider was decided, for the report (`baseURL https://api.groq.com/...`). */
  providerEvidence?: string;
  maxOutputTokens: Value | undefined;
  prompt: PromptSegment[];
  /** Tool or function schemas sent with every call (counted as input). */
  tools: TextPart[];
  /** The code asks for prompt caching (`cache_control`, `cachePoint`, ...). */
  explicitCaching: boolean;
  /** Cache entries asked to live an hour (Anthropic `ttl: '1h'`): their writes bill at the 1-hour rate. */
  cacheTtl?: '1h';
  /** The call goes through a batch API (billed at the batch discount). */
  batch: boolean;
  /** Completions per call (`n`, `candidateCount`); multiplies output. */
  choices?: number;
  /** Client or request `maxRetries`, when set in code (or the SDK's own default when it differs from 2). */
  maxRetries?: number;
  /** Model calls per invocation of an agent or tool loop (`maxSteps`, `stopWhen: stepCountIs(n)`); 1 when absent. */
  agentSteps?: number;
  /** An agent or tool loop with no step bound in code (`toolRunner` without `max_iterations`): priced at the configured `agentSteps`. */
  agentUnbounded?: boolean;
  /** Loops, wrappers and retry helpers around the call, up the local call graph (the scanner fills it in). */
  multiplicity?: Multiplicity;
  /** The conversation the call resends on every turn, when its messages accumulate (the scanner fills it in). */
  history?: HistoryInfo;
  /** Reasoning options in code (billed as output); a detector may set it, else the scanner reads the common knobs. */
  reasoning?: ReasoningInfo;
  /** Where the code puts cache breakpoints (literal or placed by code) and the models a caching path is limited to. */
  cachePlacement?: CachePlacement;
  /** Files other than the call's own whose content decided a value (constants, prompt files, JSON). */
  dependencies: Set<string>;
  unresolved: Unresolved[];
  /** The call's `model` is a deployment name (Azure), not a price-list id. */
  modelIsDeployment?: boolean;
}

export interface CallSite extends CallSiteDraft {
  /** `path#enclosingFunction/sdk.method#ordinal` */
  id: string;
  enclosingFunction: string;
  /** Assumptions from a `// llm-cost: key=value` comment above the call; they override the config. */
  inline?: InlineAssumptions;
}

/** What a detector is handed for one call expression. */
export interface DetectContext {
  file: string;
  sourceFile: ts.SourceFile;
  /** Bare package specifiers imported (or required) by the file. */
  packages: ReadonlySet<string>;
  /** Resolve an expression to what is statically known about it. */
  resolve(node: ts.Node): Value;
  origin(node: ts.Node): Origin;
}
