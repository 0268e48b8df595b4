// Parsing OFAC's legacy CSV files: the byte format, the remarks mini-language, spill-over, merging, and rows that cannot be used.
import fs from 'node:fs';
import path from 'node:path';
import { cleanValue, readCsvRecords } from '../../src/sanctions/csv-records';
import { compareDatesOfBirth, parseDateOfBirth } from '../../src/sanctions/dates';
import { toCountryCode } from '../../src/sanctions/countries';
import { loadOfacDirectories, readOfacDirectory } from '../../src/sanctions/load-ofac';
import { parseOfacSource, splitPrograms, REMARKS_LIMIT } from '../../src/sanctions/ofac-csv';
import { mergeOfacSources } from '../../src/sanctions/ofac-merge';
import { parseRemarks } from '../../src/sanctions/remarks';
import { walletKey } from '../../src/sanctions/wallets';
import type { SanctionsEntry } from '../../src/sanctions/types';
import { describeWithSharedData, sharedData } from '../support/shared-data';

// The real files, read where they are (never copied into the repository).
const ofac = sharedData('ofac');
const ofacData = ofac.dir;
const dir = (name: string) => path.join(ofacData, name);
const SDN_2024 = dir('sdn-2024-05-03_jackdwyer');
const MOOV_2025 = dir('tfidf-2025-12-24_moov-watchman');
const ALT_2026 = dir('alt-2026-03-01_ntamimii');
const DPRK_EXCERPT = dir('sdn-2026-04-23_excerpt_Sentinel-RAG');
const CONS = dir('cons_moov-watchman');

describe('OFAC CSV records', () => {
  it('reads CRLF records, quoted commas and doubled quotes, and stops at the trailing Ctrl-Z', () => {
    const text = '1,"A, B","say ""hi""",-0- \r\n2,"X",-0- ,-0- \r\n\x1a';
    const records = readCsvRecords(text);
    expect(records.map((record) => record.fields)).toEqual([
      ['1', 'A, B', 'say "hi"', '-0- '],
      ['2', 'X', '-0- ', '-0- '],
    ]);
    expect(records.map((record) => record.line)).toEqual([1, 2]);
    expect(records.every((record) => record.defect == null)).toBe(true);
  });

  it('reads a null as null whether written -0- or -0- with its trailing space', () => {
    expect(cleanValue('-0- ')).toBeNull();
    expect(cleanValue(' -0-')).toBeNull();
    expect(cleanValue('  ')).toBeNull();
    expect(cleanValue(' DPRK3 ')).toBe('DPRK3');
  });

  it('marks broken quoting as a defect and goes on with the next line', () => {
    const records = readCsvRecords('1,"open never closed,x\r\n2,"fine",y\r\n'.replace('"fine"', 'fine'));
    expect(records[0]).toMatchObject({ line: 1, defect: 'unterminated quoted field' });
    expect(records[1]).toMatchObject({ line: 2, fields: ['2', 'fine', 'y'], defect: null });
    expect(readCsvRecords('1,"a"b",c\r\n')[0]!.defect).toMatch(/not doubled/);
  });

  it('splits program tags written DPRK3] [DPRK4', () => {
    expect(splitPrograms('DPRK3] [DPRK4')).toEqual(['DPRK3', 'DPRK4']);
    expect(splitPrograms('CYBER2')).toEqual(['CYBER2']);
    expect(splitPrograms(null)).toEqual([]);
  });

  it('counts and reports malformed rows and rows for missing entries, and never throws', () => {
    const source = parseOfacSource(
      {
        primary: {
          name: 'sdn.csv',
          text: '10,"GOOD CO",-0- ,"DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\nx,"BAD NUM",-0- ,"DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n11,"SHORT"\r\n12,"ODD",alien,"X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n13,"OPEN QUOTE,-0- \r\n\x1a',
        },
        alt: {
          name: 'alt.csv',
          text: '10,1,"aka","GOOD COMPANY",-0- \r\n99,2,"aka","ORPHAN",-0- \r\n10,3,"weird","X",-0- \r\n',
        },
        add: {
          name: 'add.csv',
          text: '10,5,"1 Main St","Dandong, Liaoning","China",-0- \r\n98,6,-0- ,-0- ,-0- ,-0- \r\n',
        },
        comments: { name: 'sdn_comments.csv', text: '97,"tail of nothing"\r\n' },
      },
      'SDN',
    );
    expect(source.files['sdn.csv']).toEqual({ rows: 5, used: 1, rejected: 4 });
    expect(source.files['alt.csv']).toEqual({ rows: 3, used: 2, rejected: 1 });
    const merged = mergeOfacSources([source]);
    expect(merged.entries).toHaveLength(1);
    expect(merged.entries[0]).toMatchObject({
      uid: 'SDN-10',
      name: 'GOOD CO',
      type: 'entity',
      programs: ['DPRK3'],
      aliases: [{ name: 'GOOD COMPANY', isWeak: false, kind: 'aka' }],
    });
    expect(merged.entries[0]!.addresses).toEqual([
      { address: '1 Main St', city: 'Dandong, Liaoning', country: 'China', remarks: null },
    ]);
    const reasons = merged.problems.map((problem) => `${problem.file}:${problem.line} ${problem.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sdn\.csv:2 ent_num "x" is not a whole number/),
        expect.stringMatching(/^sdn\.csv:3 expected 12 fields, found 2/),
        expect.stringMatching(/^sdn\.csv:4 unknown SDN_Type "alien"/),
        expect.stringMatching(/^sdn\.csv:5 malformed CSV: unterminated quoted field/),
        expect.stringMatching(/^alt\.csv:2 alias row for ent_num 99, which no SDN file/),
        expect.stringMatching(/^alt\.csv:3 unknown alt_type "weird"/),
        expect.stringMatching(/^add\.csv:2 address row for ent_num 98/),
        expect.stringMatching(/^sdn_comments\.csv:1 spill-over remarks for ent_num 97/),
      ]),
    );
    expect(merged.stats.problems).toBe(merged.problems.length);
  });

  it('survives files that are not CSV at all', () => {
    const source = parseOfacSource(
      { primary: { name: 'sdn.csv', text: '\x00\x01garbage"\r\n\x1a' }, alt: { name: 'alt.csv', text: '' } },
      'SDN',
    );
    const merged = mergeOfacSources([source]);
    expect(merged.entries).toEqual([]);
    expect(merged.problems.length).toBeGreaterThan(0);
  });
});

describe('OFAC remarks', () => {
  it('reads DOB, nationality, gender, passport, Linked To, weak aliases and digital currency addresses', () => {
    const parsed = parseRemarks(
      "DOB 05 Jan 1979; alt. DOB 1980; POB Pyongyang, North Korea; nationality Korea, North; Gender Male; Passport 390220044 (Korea, North) issued 01 Jul 2019 expires 12 May 2025; a.k.a. 'JONG IN CHOL'; f.k.a. 'OLD NAME'; Digital Currency Address - XBT 1Q9UAQbcDezmyouFrzt94t4dSMxgsUfW1X; alt. Digital Currency Address - ETH 0x7F367cC41522cE07553e823bf3be79A889DEbe1B; Linked To: CHONSURIM TRADING CORPORATION.",
    );
    expect(parsed.datesOfBirth).toEqual(['05 Jan 1979', '1980']);
    expect(parsed.placesOfBirth).toEqual(['Pyongyang, North Korea']);
    expect(parsed.nationalities).toEqual(['Korea, North']);
    expect(parsed.gender).toBe('Male');
    expect(parsed.identifiers).toEqual([
      { kind: 'Passport', value: '390220044', country: 'Korea, North', issued: '01 Jul 2019', expires: '12 May 2025' },
    ]);
    expect(parsed.weakAliases).toEqual([
      { name: 'JONG IN CHOL', isWeak: true, kind: 'aka' },
      { name: 'OLD NAME', isWeak: true, kind: 'fka' },
    ]);
    expect(parsed.digitalCurrencyAddresses).toEqual([
      { chain: 'XBT', address: '1Q9UAQbcDezmyouFrzt94t4dSMxgsUfW1X' },
      { chain: 'ETH', address: '0x7F367cC41522cE07553e823bf3be79A889DEbe1B' },
    ]);
    expect(parsed.linkedTo).toEqual(['CHONSURIM TRADING CORPORATION']);
  });

  it('reads dates of birth as OFAC writes them and compares them', () => {
    expect(parseDateOfBirth('05 Jan 1979')).toMatchObject({ isDay: true });
    expect(parseDateOfBirth('circa 1970')!.to - parseDateOfBirth('circa 1970')!.from).toBeGreaterThan(365 * 2);
    expect(parseDateOfBirth('1958 to 1960')).toMatchObject({ isDay: false });
    expect(parseDateOfBirth('not a date')).toBeNull();
    expect(compareDatesOfBirth('1979-01-05', ['05 Jan 1979'])).toBe('same-day');
    expect(compareDatesOfBirth('1979-03-05', ['1979'])).toBe('compatible');
    expect(compareDatesOfBirth('1979-06-05', ['05 Jan 1979'])).toBe('near');
    expect(compareDatesOfBirth('1990-01-05', ['05 Jan 1979', '1960'])).toBe('different');
    expect(compareDatesOfBirth('1990-01-05', ['unknown'])).toBeNull();
  });

  it('maps OFAC country wording to ISO codes', () => {
    expect(toCountryCode('Korea, North')).toBe('KP');
    expect(toCountryCode('Burma')).toBe('MM');
    expect(toCountryCode('china')).toBe('CN');
    expect(toCountryCode('us')).toBe('US');
    expect(toCountryCode('Pyongyang, North Korea')).toBe('KP');
    expect(toCountryCode('Atlantis')).toBeNull();
  });

  it('compares wallet addresses by the case rules of their encoding', () => {
    expect(walletKey('0x7F367cC41522cE07553e823bf3be79A889DEbe1B')).toBe(
      walletKey('0x7f367cc41522ce07553e823bf3be79a889debe1b'),
    );
    expect(walletKey('BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ')).toBe(
      walletKey('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'),
    );
    // Base58 (bitcoin P2PKH, tron) is case-sensitive: one flipped letter is another address.
    expect(walletKey('1Q9UAQbcDezmyouFrzt94t4dSMxgsUfW1X')).not.toBe(walletKey('1q9UAQbcDezmyouFrzt94t4dSMxgsUfW1X'));
    expect(walletKey('  TXyz123  ')).toBe('TXyz123');
  });
});

describeWithSharedData(ofac, 'the real OFAC files', () => {
  let sdn2024: ReturnType<typeof readOfacDirectory>;
  let merged: ReturnType<typeof loadOfacDirectories>;
  let byUid: Map<string, SanctionsEntry>;
  beforeAll(() => {
    sdn2024 = readOfacDirectory(SDN_2024);
    merged = loadOfacDirectories([SDN_2024, MOOV_2025, ALT_2026, DPRK_EXCERPT, CONS]);
    byUid = new Map(merged.entries.map((entry) => [entry.uid, entry]));
  });

  it('reads every row of the 2024 sdn.csv (CRLF, trailing 0x1A, -0- nulls)', () => {
    const bytes = fs.readFileSync(path.join(SDN_2024, 'sdn.csv'));
    expect(bytes[bytes.length - 1]).toBe(0x1a);
    expect(bytes.subarray(bytes.length - 3, bytes.length - 1).toString('latin1')).toBe('\r\n');
    const [source] = sdn2024.sources;
    expect(source!.files['sdn-2024-05-03_jackdwyer/sdn.csv']).toEqual({ rows: 14965, used: 14965, rejected: 0 });
    expect(source!.problems).toEqual([]);
    const types = new Map<string, number>();
    for (const row of source!.primaries) types.set(String(row.type), (types.get(String(row.type)) ?? 0) + 1);
    // The research notes' counts for the same file: 6,854 individuals, 851 vessels, 376 aircraft, 6,884 entities.
    expect(Object.fromEntries(types)).toEqual({ individual: 6854, vessel: 851, aircraft: 376, entity: 6884 });
    expect(source!.primaries.every((row) => !row.name.includes('-0-') && !(row.title ?? '').includes('-0-'))).toBe(
      true,
    );
  });

  it('merges the 2024 sdn.csv with the 2025/2026 alt, add and comments files, the DPRK excerpt and the consolidated list', () => {
    expect(merged.stats.byList.SDN).toBeGreaterThan(14965);
    expect(merged.stats.byList.CONS).toBe(442);
    expect(merged.entries.find((entry) => entry.list === 'CONS' && entry.programs.length > 0)).toBeDefined();
    // The 2025-01-16 designations come from the excerpt, with the 2025/2026 aliases joined to them.
    expect(byUid.get('SDN-52282')).toMatchObject({
      name: 'KOREA OSONG SHIPPING CORPORATION',
      programs: ['DPRK3'],
      type: 'entity',
    });
    expect(byUid.get('SDN-52282')!.aliases.map((alias) => alias.name)).toEqual(
      expect.arrayContaining(['OSONG SHIPPING CORPORATION']),
    );
    expect(byUid.get('SDN-52289')).toMatchObject({
      name: 'JONG, In Chol',
      type: 'individual',
      datesOfBirth: ['05 Jan 1979'],
      nationalities: ['Korea, North'],
      gender: 'Male',
      linkedTo: ['CHONSURIM TRADING CORPORATION'],
    });
    expect(byUid.get('SDN-52289')!.identifiers).toContainEqual({
      kind: 'Passport',
      value: '390220044',
      country: 'Korea, North',
      issued: null,
      expires: '12 May 2025',
    });
    expect(byUid.get('SDN-52264')!.identifiers).toContainEqual({
      kind: 'Unified Social Credit Code (USCC)',
      value: '91210600MA0YQP7Y0B',
      country: 'China',
      issued: null,
      expires: null,
    });
    expect(byUid.get('SDN-52264')!.addresses.some((address) => address.city?.includes('Dandong'))).toBe(true);
    // Weak a.k.a.s come from the remarks, strong ones from alt.csv.
    const alis = byUid.get('SDN-48260')!;
    expect(alis.aliases.filter((alias) => alias.isWeak).map((alias) => alias.name)).toEqual(['ALIAS LLC', 'ALIS LLC']);
    expect(alis.linkedTo).toEqual(['CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY']);
    expect(byUid.get('SDN-27307')!.digitalCurrencyAddresses.length).toBeGreaterThan(3);
    expect(merged.stats.weakAliases).toBeGreaterThan(3500);
    expect(merged.stats.strongAliases).toBeGreaterThan(18000);
  });

  it('appends spill-over remarks to remarks cut at 1,000 characters, without a separator', () => {
    expect(merged.stats.spilloversAppended).toBeGreaterThan(10);
    const comments = readCsvRecords(fs.readFileSync(path.join(MOOV_2025, 'sdn_comments.csv'), 'utf8'));
    // LAZARUS GROUP: its 2024 remarks stop at 1,000 characters inside its list of weak aliases and wallets.
    const spill = comments.find((record) => record.fields[0] === '27307')!.fields[1]!.trim();
    const entry = byUid.get('SDN-27307')!;
    expect(entry.remarks!.length).toBeGreaterThan(REMARKS_LIMIT);
    expect(entry.remarks!.endsWith(spill)).toBe(true);
    expect(entry.remarks!.slice(REMARKS_LIMIT - 5)).toBe(
      entry.remarks!.slice(REMARKS_LIMIT - 5, REMARKS_LIMIT) + spill,
    );
    // What the spill-over holds is read like the rest: more weak aliases or wallets than the first 1,000 characters had.
    const firstPart = parseRemarks(entry.remarks!.slice(0, REMARKS_LIMIT));
    expect(
      entry.aliases.filter((alias) => alias.isWeak).length + entry.digitalCurrencyAddresses.length,
    ).toBeGreaterThan(firstPart.weakAliases.length + firstPart.digitalCurrencyAddresses.length);
  });

  it('does not append a spill-over of another edition that does not continue the remarks', () => {
    const entry = byUid.get('SDN-17018')!;
    expect(entry.remarks!.length).toBeLessThanOrEqual(REMARKS_LIMIT);
    expect(
      merged.problems.some((problem) => /spill-over remarks for ent_num 17018 do not continue/.test(problem.reason)),
    ).toBe(true);
  });

  it('reports rows that reference entries no loaded file lists, and spill-overs for remarks that were not cut', () => {
    const reasons = merged.problems.map((problem) => problem.reason);
    expect(reasons.filter((reason) => reason.startsWith('alias row for ent_num')).length).toBeGreaterThan(1000);
    expect(reasons.filter((reason) => reason.startsWith('address row for ent_num')).length).toBeGreaterThan(1000);
    expect(reasons.some((reason) => /spill-over remarks for ent_num \d+, whose remarks/.test(reason))).toBe(true);
    expect(merged.problems.every((problem) => problem.file.length > 0 && problem.line > 0)).toBe(true);
    expect(merged.stats.problems).toBe(merged.problems.length);
  });

  it('gives one entry per list and ent_num, with aliases deduplicated across editions', () => {
    expect(new Set(merged.entries.map((entry) => entry.uid)).size).toBe(merged.entries.length);
    for (const entry of merged.entries) {
      const keys = entry.aliases.map((alias) => `${alias.kind}|${alias.isWeak}|${alias.name.toUpperCase()}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
    expect(merged.stats.duplicateRowsSkipped).toBeGreaterThan(10000);
  });
});
