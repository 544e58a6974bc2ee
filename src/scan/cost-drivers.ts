import { ts } from 'ts-morph';
import type { CallSiteDraft } from './call-site.js';
import { historyOf } from './history.js';
import { MultiplicityAnalyser } from './multiplicity.js';
import { reasoningOf } from './reasoning.js';
import type { Resolver } from './resolve.js';

/**
 * The scanner's pass over every detected call for what multiplies or grows its cost, whatever the SDK: loops and
 * wrappers up the call graph, tool loops, retry helpers, accumulating conversations and reasoning options. What a
 * detector already set (its own step bound, its own reasoning reading) is kept.
 */
export class CostDriverScanner {
  private readonly multiplicity: MultiplicityAnalyser;

  constructor(private readonly resolver: Resolver) {
    this.multiplicity = new MultiplicityAnalyser(resolver);
  }

  annotate(draft: CallSiteDraft, call: ts.Node): CallSiteDraft {
    if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return draft;
    const multiplicity = this.multiplicity.analyse(call, calleeNames(call.expression));
    // An embedding's `input` is the text to embed, never a conversation.
    const history = draft.history ?? (draft.operation === 'embedding' ? undefined : historyOf(call, draft.prompt, this.resolver));
    const reasoning = draft.reasoning ?? reasoningOf(call, this.resolver);
    const toolLoop = multiplicity.toolLoop;
    const steps = draft.agentSteps === undefined && toolLoop?.steps !== undefined ? { agentSteps: toolLoop.steps } : {};
    const unbounded = draft.agentSteps === undefined && toolLoop && toolLoop.steps === undefined ? { agentUnbounded: true } : {};
    return { ...draft, multiplicity, ...steps, ...unbounded, ...(history ? { history } : {}), ...(reasoning ? { reasoning } : {}) };
  }
}

function calleeNames(expression: ts.Expression): string[] {
  const names: string[] = [];
  let current: ts.Expression = expression;
  while (ts.isPropertyAccessExpression(current)) {
    names.unshift(current.name.text);
    current = current.expression;
  }
  if (ts.isIdentifier(current)) names.unshift(current.text);
  return names;
}
