import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { scanFixture } from '../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/reasoning', import.meta.url));

describe('reasoning options read by the detectors', () => {
  const { sites } = scanFixture(FIXTURE);
  const site = (fn: string) => {
    const found = sites.find((s) => s.enclosingFunction === fn);
    if (!found) throw new Error(`no site in ${fn}: ${sites.map((s) => s.id).join(', ')}`);
    return found;
  };

  test('a Gemini chat made with a thinking budget carries it to every sendMessage', () => {
    expect(site('plan').reasoning).toEqual({ knob: 'thinkingConfig.thinkingBudget', budget: 4096 });
  });

  test('thinkingBudget -1 is dynamic thinking, with no bound in code', () => {
    expect(site('explore').reasoning).toEqual({ knob: 'thinkingConfig.thinkingBudget', dynamic: true });
  });

  test('the legacy SDK: a zero budget on the model object turns thinking off', () => {
    expect(site('label').reasoning).toEqual({ knob: 'thinkingConfig.thinkingBudget', budget: 0, disabled: true });
  });

  test('LangChain models carry thinking and reasoning effort from their constructor options', () => {
    expect(site('critique').reasoning).toEqual({ knob: 'thinking.budget_tokens', budget: 3000 });
    expect(site('route').reasoning).toEqual({ knob: 'reasoning.effort', effort: 'low' });
  });

  test('a Bedrock InvokeModel vendor body: thinking read from the JSON text', () => {
    expect(site('deliberate').reasoning).toEqual({ knob: 'thinking.budget_tokens', budget: 2500 });
  });
});
