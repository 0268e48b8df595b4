// Citations used by the indicators, one place so that wording stays consistent.
export const sources = {
  adv22Employers: '2022 State/Treasury/FBI DPRK IT Worker Advisory (16 May 2022), red flags for employers',
  adv22Platforms:
    '2022 State/Treasury/FBI DPRK IT Worker Advisory (16 May 2022), red flags for freelance and payment platforms',
  adv22Mitigations: '2022 State/Treasury/FBI DPRK IT Worker Advisory (16 May 2022), due-diligence measures',
  adv22Operations: '2022 State/Treasury/FBI DPRK IT Worker Advisory (16 May 2022), how DPRK IT workers operate',
  psa23: 'US-ROK joint PSA on DPRK IT workers (18 Oct 2023)',
  psa24: 'FBI PSA I-051624-PSA (16 May 2024): laptop farms and facilitators',
  fbi25: 'FBI PSA I-012325-PSA (23 Jan 2025) and FBI guidance on liveness checks',
  ofac2025:
    'OFAC designations of 16 Jan 2025 (Department 53, Korea Osong Shipping, Chonsurim Trading, Liaoning China Trade): IT workers in China, Laos and Russia',
  ofacLists:
    'OFAC Specially Designated Nationals and consolidated non-SDN lists (31 CFR 501; 50%-ownership rule of 13 Aug 2014)',
  ofacMatchGuidance:
    'OFAC screening guidance (FAQ "How do I determine if I have a valid match?"): a name hit is confirmed or cleared with the other identifiers (date and place of birth, nationality, addresses, identification numbers)',
  ofacCrypto: 'OFAC SDN list, Digital Currency Address identifiers (e.g. DPRK-related designations of 2023-2025)',
  mandiant24: 'Mandiant/Google Cloud, "Mitigating the DPRK IT Worker Threat" (Sep 2024; UNC5267)',
  seal: 'Security Alliance (SEAL) Frameworks, DPRK IT Workers (techniques and mitigations)',
  bfv24: 'German BfV security notice on DPRK IT workers (1 Oct 2024)',
  redCanary25: 'Red Canary 2025 Threat Detection Report (insider threat, VPN abuse)',
} as const;
