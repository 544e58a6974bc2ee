import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { scanFixture } from '../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/caching', import.meta.url));

describe('cache breakpoints placed by code', () => {
  const { sites } = scanFixture(FIXTURE);
  const sitesIn = (fn: string) => sites.filter((s) => s.enclosingFunction === fn).sort((a, b) => a.origin.line - b.origin.line);

  test('a .map that marks turns by index arithmetic, a marked last tool and a switch on the model', () => {
    const [cached, plain] = sitesIn('converse');
    expect(cached!.explicitCaching).toBe(true);
    expect(cached!.cachePlacement).toEqual({
      breakpoints: ['tools[-1]', 'system[0]', 'messages[user -1]', 'messages[user -2]'],
      models: ['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001'],
    });
    expect(plain!.explicitCaching).toBe(false);
    expect(plain!.cachePlacement).toBeUndefined();
  });

  test('an assignment to an element of the conversation before the call', () => {
    const [site] = sitesIn('followUp');
    expect(site!.explicitCaching).toBe(true);
    expect(site!.cachePlacement).toEqual({ breakpoints: ['messages[-1]'] });
  });

  test('an includes() guard on the model limits the caching path', () => {
    const [cached, plain] = sitesIn('summarise');
    expect(cached!.cachePlacement).toEqual({ breakpoints: ['system[0]'], models: ['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001'] });
    expect(plain!.cachePlacement).toBeUndefined();
  });
});
