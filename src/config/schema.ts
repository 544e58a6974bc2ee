import { z } from 'zod';

/**
 * The config file (`.github/llm-cost.yml`), one zod schema: it validates the YAML and generates
 * `schema/llm-cost.schema.json`. Every object is strict, so a misspelt key is an error with its path and line.
 */

const tokens = z.number().int().nonnegative();
const rate = z.number().min(0).max(1);

export const trafficSchema = z
  .object({
    callsPerMonth: z.number().nonnegative().describe('How many times the call runs per month (before loops, steps and retries).'),
    expectedOutputTokens: tokens.describe('Output tokens a call is expected to produce (bounded by the cap in code).'),
    dynamicInputTokens: tokens.describe('Tokens for each value known only at run time: a variable, or a ${} / {{}} placeholder in a prompt.'),
    turnsPerConversation: z.number().int().min(1).describe('Turns in a conversation whose history is resent on every call.'),
    loopIterations: z.number().min(1).describe('Iterations of a loop around the call (or around the function that wraps it).'),
    cacheHitRate: rate.describe('Share of calls whose cacheable prefix is served from the provider cache (0 to 1).'),
    retryRate: rate.describe('Share of calls that fail and are retried, each up to the client\'s maxRetries.'),
    reasoningTokens: tokens.describe('Reasoning (thinking) tokens a call spends where the code enables reasoning or the model always reasons; billed as output and bounded by the budget in code (thinking.budget_tokens, thinkingBudget).'),
    agentSteps: z.number().int().min(1).describe('Model calls per run of an agent or tool loop whose code sets no step bound (toolRunner without max_iterations).'),
    toolResultTokens: tokens.describe('Tokens each tool result adds to an agent\'s context; every later step resends them.'),
  })
  .partial()
  .strict();

export const trafficRuleSchema = trafficSchema
  .extend({
    match: z
      .string()
      .min(1)
      .describe('A path glob (src/**), a call-site id (src/a.ts#fn/openai.chat.completions.create#0) or an id glob (src/a.ts#fn/*).'),
    assume: z
      .object({
        model: z.string().min(1).describe('The model the matched sites call (an env-only model, an Azure deployment).'),
        provider: z.string().min(1).describe('The provider that bills them (openai, azure, anthropic, aws, google, groq, ...).'),
        maxOutputTokens: tokens.describe('Their output cap, when the code does not show one.'),
      })
      .partial()
      .strict()
      .optional()
      .describe('Values the scanner cannot resolve, pinned for the matched sites.'),
  })
  .strict();

export const budgetSchema = z
  .object({
    maxIncreaseUsd: z.number().nonnegative().describe('Fail when the monthly cost grows by more than this many USD.'),
    maxIncreasePercent: z.number().nonnegative().describe('Fail when the monthly cost grows by more than this percentage.'),
    maxMonthlyUsd: z.number().nonnegative().describe('Fail when the head monthly total exceeds this.'),
    maxSiteMonthlyUsd: z.number().nonnegative().describe('Fail when one call site costs more than this per month at head.'),
    onExceed: z.enum(['fail', 'warn']).describe('What a broken budget does to the check.'),
    anomalyFactor: z.number().gt(1).describe('Flag a call site whose monthly cost grows by more than this factor (default 3), even within budget.'),
    approvalLabel: z.string().min(1).describe('A pull-request label that turns a failure into a warning.'),
  })
  .partial()
  .strict();

export const priceSchema = z
  .object({
    model: z.string().min(1).describe('Model id as written in code (or as priced).'),
    provider: z.string().min(1).optional().describe('Restrict the price to this provider.'),
    inputPerMTok: z.number().nonnegative().describe('USD per million input tokens.'),
    outputPerMTok: z.number().nonnegative().describe('USD per million output tokens.'),
    cacheReadPerMTok: z.number().nonnegative().optional().describe('USD per million tokens read from the cache (default: the input price).'),
    cacheWritePerMTok: z.number().nonnegative().optional().describe('USD per million tokens written to the cache (default: the input price).'),
  })
  .strict();

export const unitSchema = z.union([
  z.number().positive().describe('Units per month; the cost of every call site is divided by it.'),
  z
    .object({
      perMonth: z.number().positive().optional().describe('Units per month.'),
      perCall: z.number().positive().optional().describe('Units each invocation of a matched site serves (units per month = its callsPerMonth x perCall).'),
      match: z.string().min(1).optional().describe('Only the cost of these sites (path glob, id or id glob) counts; default every site.'),
    })
    .strict()
    .refine((u) => (u.perMonth === undefined) !== (u.perCall === undefined), { message: 'set exactly one of perMonth and perCall' }),
]);

export const ownerSchema = z
  .object({
    match: z.string().min(1).describe('A path glob, a call-site id or an id glob.'),
    owner: z.string().min(1).describe('The team (or person) the matched sites are attributed to.'),
  })
  .strict();

export const configSchema = z
  .object({
    version: z.literal(1).optional().describe('Config format version (1; may be left out).'),
    defaults: trafficSchema.optional().describe('Traffic assumptions for every call site.'),
    traffic: z.array(trafficRuleSchema).optional().describe('Per-site traffic; later rules override earlier ones key by key.'),
    budget: budgetSchema.optional().describe('Limits a pull request must stay within; a broken one fails (or warns) the check.'),
    prices: z.array(priceSchema).optional().describe('Prices that override or add to the bundled price data (USD per million tokens).'),
    deployments: z
      .record(z.string().min(1), z.string().min(1))
      .optional()
      .describe('Deployment names (Azure OpenAI, Azure AI Foundry) mapped to the model each serves, e.g. { prod-chat: gpt-4o }.'),
    owners: z.array(ownerSchema).optional().describe('Teams that own call sites, by path glob or id glob.'),
    include: z.array(z.string().min(1)).optional().describe('Globs of source files to scan (default: every TS/JS file).'),
    exclude: z.array(z.string().min(1)).optional().describe('Globs of files not to scan, on top of the built-in skips.'),
    prompts: z.array(z.string().min(1)).optional().describe('Globs of prompt files to count and link to call sites.'),
    scanTests: z.boolean().optional().describe('Also scan tests and mocks (skipped by default).'),
    units: z
      .record(z.string().min(1), unitSchema)
      .optional()
      .describe('Business units to state cost per unit for, by name: `conversations: 40000` (units per month), or `{ perCall: 1, match: "src/chat/**" }` (units per invocation of the matched sites).'),
  })
  .strict();

export type TrafficSettings = z.infer<typeof trafficSchema>;
export type TrafficRule = z.infer<typeof trafficRuleSchema>;
export type Config = z.infer<typeof configSchema>;
export type Traffic = Required<TrafficSettings>;

/** The tool's defaults, used where the config is silent (and reported as `default`). */
export const DEFAULT_TRAFFIC: Traffic = {
  callsPerMonth: 1000,
  expectedOutputTokens: 500,
  dynamicInputTokens: 200,
  turnsPerConversation: 1,
  loopIterations: 1,
  cacheHitRate: 0,
  retryRate: 0,
  reasoningTokens: 0,
  agentSteps: 10,
  toolResultTokens: 200,
};

export const DEFAULT_PROMPT_GLOBS = ['**/prompts/**/*', '**/*.prompt', '**/*.prompt.{md,txt,yml,yaml}', '**/*.prompty'];
