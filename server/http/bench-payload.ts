// The fixed ~0.7 KB JSON body that `npm run bench -- http` asks every server for
// (fast path, Next route handler, bare Node), so they are compared on equal work.
export const BENCH_PAYLOAD = {
  id: '6f1c2b9e-3d4a-4e8b-9c1d-2a7f5e8b0c31',
  firNumber: '0078/2026',
  station: { code: 'PS-BLR-014', name: 'Koramangala', district: 'Bengaluru Urban', state: 'Karnataka' },
  status: 'registered',
  reportedAt: '2026-03-14T09:42:00.000Z',
  occurrence: { from: '2026-03-13T21:10:00.000Z', to: '2026-03-13T21:25:00.000Z', place: '5th Block bus stop' },
  complainant: { name: 'Asha Verma', occupation: 'Teacher', nationality: 'Indian' },
  sections: [
    { act: 'BNS', section: '304', title: 'Snatching' },
    { act: 'BNS', section: '3(5)', title: 'Acts done by several persons in furtherance of common intention' },
  ],
  narrative:
    'The complainant states that while waiting at the bus stop two unknown men on a motorcycle snatched her mobile phone and fled towards the ring road.',
  properties: [{ description: 'Mobile phone', value: 18500 }],
  investigatingOfficer: { name: 'SI R. Prakash', rank: 'Sub-Inspector' },
};

export const BENCH_BODY = JSON.stringify(BENCH_PAYLOAD);
