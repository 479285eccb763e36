import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLOSE_CODES,
  CLOSE_REASONS,
  ErrorCode,
  HTTP_STATUS,
} from '../../../../shared/protocol/index.js';

/** docs/protocol.md must say exactly what the one table in shared/protocol says. */
const doc = readFileSync(join(import.meta.dirname, '../../../../docs/protocol.md'), 'utf8');

/** The rows of the first table after a heading, as arrays of trimmed cells. */
function tableAfter(heading: string): string[][] {
  const start = doc.indexOf(heading);
  expect(start, `heading ${heading}`).toBeGreaterThan(-1);
  const lines = doc.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

describe('docs/protocol.md against shared/protocol', () => {
  it('lists every error code with its HTTP status, and no other', () => {
    const rows = tableAfter('### 6.1');
    const documented = new Map(rows.map((r) => [r[0]!.replace(/`/g, ''), Number(r[1])]));
    expect([...documented.keys()].sort()).toEqual([...ErrorCode.options].sort());
    for (const code of ErrorCode.options)
      expect(documented.get(code), code).toBe(HTTP_STATUS[code]);
  });

  it('lists every close code the server sends with its exact reason texts, and no other', () => {
    const rows = tableAfter('### 6.2');
    const reasons = new Map<number, string[]>();
    for (const r of rows) {
      const texts = [...r[2]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      reasons.set(Number(r[0]), texts);
    }
    const sent = new Map<number, string[]>();
    for (const { code, reason } of Object.values(CLOSE_REASONS))
      sent.set(code, [...(sent.get(code) ?? []), reason]);
    for (const [code, texts] of sent)
      expect(reasons.get(code)?.sort(), `close ${code}`).toEqual(texts.sort());
    // Codes documented without a reason are sent by the ws library (1009), not by the server.
    for (const [code, texts] of reasons)
      if (texts.length) expect(sent.has(code), `close ${code}`).toBe(true);
    for (const code of Object.values(CLOSE_CODES))
      expect(reasons.has(code), `close ${code}`).toBe(true);
  });
});
