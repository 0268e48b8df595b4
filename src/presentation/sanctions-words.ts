// OFAC programme tags and sanctions lists in words.
// OFAC programme tags in words (31 CFR chapter V; the executive order or act behind each).
export const PROGRAMMES: Readonly<Record<string, string>> = {
  DPRK: 'North Korea sanctions (EO 13466 and 13551)',
  DPRK2: 'North Korea sanctions (EO 13687)',
  DPRK3: 'North Korea sanctions (EO 13722)',
  DPRK4: 'North Korea sanctions (EO 13810)',
  'DPRK-NKSPEA': 'North Korea Sanctions and Policy Enhancement Act',
  NPWMD: 'Weapons of mass destruction proliferators (EO 13382)',
  CYBER: 'Malicious cyber activity (EO 13694)',
  CYBER2: 'Malicious cyber activity (EO 13694 as amended)',
  CYBER3: 'Malicious cyber activity (EO 14144)',
  SDGT: 'Global terrorism (EO 13224)',
  'RUSSIA-EO14024': 'Russia harmful foreign activities (EO 14024)',
  UKRAINE: 'Ukraine-related sanctions (EO 13660)',
  'UKRAINE-EO13662': 'Ukraine-related sanctions (EO 13662)',
  IRAN: 'Iran sanctions',
  IRGC: 'Iran Revolutionary Guard Corps',
  SYRIA: 'Syria sanctions',
  CUBA: 'Cuba sanctions',
  VENEZUELA: 'Venezuela sanctions',
  'VENEZUELA-EO13850': 'Venezuela sanctions (EO 13850)',
  SDNTK: 'Foreign narcotics kingpins',
  ILLICIT: 'Illicit drug trade (EO 14059)',
  GLOMAG: 'Global Magnitsky (human rights and corruption)',
  BELARUS: 'Belarus sanctions',
  TCO: 'Transnational criminal organisations',
};

/** "DPRK3" -> "North Korea sanctions (EO 13722)". */
export function programmeLabel(tag: string): string {
  return PROGRAMMES[tag] ?? `Sanctions programme ${tag}`;
}

const LIST_LABELS: Readonly<Record<string, string>> = {
  SDN: "OFAC's Specially Designated Nationals list",
  CONS: "OFAC's consolidated (non-SDN) lists",
  BUILTIN: "the built-in copy of OFAC's DPRK IT-worker designations",
};

/** "SDN" -> "OFAC's Specially Designated Nationals list". */
export function sanctionsListLabel(list: string): string {
  return LIST_LABELS[list] ?? `the ${list} list`;
}
