// The built-in DPRK IT-worker list must agree with OFAC's own files, so that the snapshot cannot drift silently.
import path from 'node:path';
import { builtInDesignationDates, builtInSanctionsEntries } from '../../src/sanctions/builtin-list';
import { loadOfacDirectories } from '../../src/sanctions/load-ofac';
import { SanctionsIndex } from '../../src/sanctions/sanctions-index';
import type { SanctionsEntry } from '../../src/sanctions/types';
import { describeWithSharedData, sharedData } from '../support/shared-data';

// The real files, read where they are (never copied into the repository).
const ofac = sharedData('ofac');
const ofacData = ofac.dir;

describeWithSharedData(ofac, 'built-in sanctions list', () => {
  let real: Map<string, SanctionsEntry>;
  beforeAll(() => {
    const loaded = loadOfacDirectories(
      ['sdn-2024-05-03_jackdwyer', 'tfidf-2025-12-24_moov-watchman', 'sdn-2026-04-23_excerpt_Sentinel-RAG'].map((dir) =>
        path.join(ofacData, dir),
      ),
    );
    real = new Map(loaded.entries.map((entry) => [entry.uid, entry]));
  });

  it('holds the DPRK IT-worker designations named in public OFAC actions', () => {
    const names = builtInSanctionsEntries.map((entry) => entry.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "DEPARTMENT 53 OF THE MINISTRY OF THE PEOPLE'S ARMED FORCES",
        'KOREA OSONG SHIPPING CORPORATION',
        'CHONSURIM TRADING CORPORATION',
        'LIAONING CHINA TRADE INDUSTRY CO., LTD.',
        'JONG, In Chol',
        'SON, Kyong Sik',
        'CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY',
        'YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD.',
        'VOLASYS SILVER STAR',
        'KOREA SOBAEKSU TRADING CORPORATION',
        'KIM, Se Un',
        'JO, Kyong Hun',
        'MYONG, Chol Min',
      ]),
    );
    const chinyong = builtInSanctionsEntries.find((entry) => entry.uid === 'SDN-43379')!;
    expect(chinyong.aliases.map((alias) => alias.name)).toContain('JINYONG IT COOPERATION COMPANY');
    expect(new Set(builtInSanctionsEntries.map((entry) => entry.uid)).size).toBe(builtInSanctionsEntries.length);
    for (const entry of builtInSanctionsEntries) {
      expect(entry.list).toBe('BUILTIN');
      expect(entry.uid).toBe(`SDN-${entry.entNum}`);
      expect(builtInDesignationDates[entry.uid]).toMatch(/^20\d\d-\d\d-\d\d$/);
    }
    expect(builtInDesignationDates['SDN-52289']).toBe('2025-01-16');
  });

  it.each(builtInSanctionsEntries.map((entry) => [entry.uid, entry] as const))(
    '%s agrees with the same entry in the real OFAC files',
    (uid, entry) => {
      const listed = real.get(uid);
      expect(listed).toBeDefined();
      // Name and programs first (the decisive facts), then everything else the parser reads from the files.
      expect({ name: entry.name, programs: entry.programs }).toEqual({
        name: listed!.name,
        programs: listed!.programs,
      });
      expect({ ...entry, list: listed!.list }).toEqual(listed);
    },
  );

  it('matches each built-in name to its own entry', () => {
    const index = SanctionsIndex.build([...builtInSanctionsEntries]);
    for (const entry of builtInSanctionsEntries) {
      const [best] = index.screenName(entry.name, { isEntity: entry.type !== 'individual' });
      expect(best).toMatchObject({ uid: entry.uid, strength: 'strong' });
    }
  });
});
