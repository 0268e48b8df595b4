import { CHAIN_FORMAT, eventHash, eventPayload, type ChainedEventContent } from '../../src/audit/chain';
import { formatChainReport } from '../../src/audit/verify-chains';

// Two events hashed by PostgreSQL's case_event_hash() (migration audit_hash_chain) on PostgreSQL 15: the TypeScript
// side must produce the same bytes, including for non-ASCII text, escapes in the jsonb text and numbers kept as written.
const first: ChainedEventContent = {
  id: '1',
  caseId: '11111111-1111-1111-1111-111111111111',
  seq: 1,
  actor: 'me',
  action: 'case.created',
  createdAt: new Date('2026-11-23T11:08:45.108Z'),
  dataText: '{"after": {"x": 1.50, "score": 1}}',
};
const second: ChainedEventContent = {
  id: '3',
  caseId: '11111111-1111-1111-1111-111111111111',
  seq: 2,
  actor: 'zoë ✓',
  action: 'case.rescreened',
  createdAt: new Date('2026-11-23T11:08:45.108Z'),
  dataText: '{"a": [1, 2], "b": "naïve\\n"}',
};
const FIRST_HASH = 'd94a71e9546ce72da60e0313b2a91ebf71df995ccfa7a7bbf72a1de11832939d';
const SECOND_HASH = '9f855aa3d83392604392a4503366fa83532f3f4c66b38445c8fb6ad50016cf5a';

describe('audit chain hash', () => {
  it('matches the database trigger for a first event (no previous hash)', () => {
    expect(eventHash(null, first).toString('hex')).toBe(FIRST_HASH);
  });

  it('matches the database trigger for a chained event with non-ASCII actor and escaped jsonb text', () => {
    expect(eventHash(Buffer.from(FIRST_HASH, 'hex'), second).toString('hex')).toBe(SECOND_HASH);
  });

  it('prefixes each field with its UTF-8 byte length (ë is 2 bytes, ✓ is 3), so that shifting text between fields changes the payload', () => {
    expect(eventPayload(second).toString('utf8')).toBe(
      `${CHAIN_FORMAT.length}:${CHAIN_FORMAT}\n1:3\n36:11111111-1111-1111-1111-111111111111\n1:2\n8:zoë ✓\n15:case.rescreened\n24:2026-11-23T11:08:45.108Z\n30:{"a": [1, 2], "b": "naïve\\n"}\n`,
    );
    const shifted = { ...first, actor: 'me\n12:case.created', action: '' };
    expect(eventHash(null, shifted).equals(eventHash(null, first))).toBe(false);
  });

  it('changes with any field and with the previous hash', () => {
    const base = eventHash(null, first);
    const variants: ChainedEventContent[] = [
      { ...first, id: '2' },
      { ...first, caseId: '11111111-1111-1111-1111-111111111112' },
      { ...first, seq: 2 },
      { ...first, actor: 'mf' },
      { ...first, action: 'case.createe' },
      { ...first, createdAt: new Date('2026-11-23T11:08:45.109Z') },
      { ...first, dataText: '{"after": {"x": 1.5, "score": 1}}' },
    ];
    for (const variant of variants) expect(eventHash(null, variant).equals(base)).toBe(false);
    expect(eventHash(Buffer.alloc(32), first).equals(base)).toBe(false);
  });
});

describe('audit verify report', () => {
  it('names case, event, expected and found for each break, then the totals', () => {
    const lines = formatChainReport({
      cases: 2,
      events: 5,
      breakCount: 2,
      breaks: [
        { caseId: 'c1', eventId: '7', seq: 2, kind: 'content', expected: 'hash aa', found: 'hash bb' },
        {
          caseId: 'c2',
          eventId: null,
          seq: null,
          kind: 'missing',
          expected: 'at least the case.created event',
          found: 'no events',
        },
      ],
    });
    expect(lines).toEqual([
      'BREAK case c1 event 7 (seq 2): content changed after it was written: expected hash aa, found hash bb',
      'BREAK case c2: the case has no audit events: expected at least the case.created event, found no events',
      'Checked 5 events in 2 cases: 2 break(s)',
    ]);
    expect(formatChainReport({ cases: 1, events: 1, breakCount: 0, breaks: [] })).toEqual([
      'Checked 1 events in 1 cases: every chain is intact',
    ]);
  });
});
