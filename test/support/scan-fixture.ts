import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CallSite } from '../../src/scan/call-site.js';
import { scanSnapshot, type ScanResult } from '../../src/scan/scan.js';
import { DETECTORS } from '../../src/scan/sdks/index.js';
import { createSnapshot, ParseCache } from '../../src/scan/snapshot.js';
import { asNumber, asString, type TextPart } from '../../src/scan/value.js';

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(root, full) : [relative(root, full).split('\\').join('/')];
  });
}

/** Scans a fixture project folder as a head snapshot, every script file a candidate. */
export function scanFixture(root: string): ScanResult {
  const paths = listFiles(root);
  const snapshot = createSnapshot('head', new Set(paths), (p) => readFileSync(join(root, p), 'utf8'), new ParseCache());
  return scanSnapshot(snapshot, paths.filter((p) => /\.[cm]?[jt]sx?$/.test(p)), DETECTORS);
}

/** A site in the terms a test asserts: the method, the values as plain strings and numbers. */
export function summarize(site: CallSite) {
  return {
    id: site.id,
    method: site.method,
    line: site.origin.line,
    model: asString(site.model) ?? null,
    provider: site.provider,
    maxOutputTokens: asNumber(site.maxOutputTokens) ?? null,
    prompt: site.prompt.map((s) => `${s.role}: ${partsText(s.parts)}`),
  };
}

export function partsText(parts: TextPart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : `<${p.hole}>`)).join('');
}
