// The demo accounts the seed creates (also printed by `npm run db -- seed` and listed
// in the README). Demo only: a real deployment creates its own users.
export const DEMO_PASSWORD = 'Demo@2026';

export const DEMO_STATIONS = [
  { code: 'PS-BLR-014', name: 'Koramangala', district: 'Bengaluru Urban', state: 'Karnataka' },
  { code: 'PS-BLR-022', name: 'Indiranagar', district: 'Bengaluru Urban', state: 'Karnataka' },
  { code: 'PS-MUM-031', name: 'Andheri East', district: 'Mumbai Suburban', state: 'Maharashtra' },
  { code: 'PS-DEL-007', name: 'Connaught Place', district: 'New Delhi', state: 'Delhi' },
  { code: 'PS-CHN-012', name: 'T. Nagar', district: 'Chennai', state: 'Tamil Nadu' },
  { code: 'PS-LKO-005', name: 'Hazratganj', district: 'Lucknow', state: 'Uttar Pradesh' },
] as const;

export const DEMO_USERS = [
  { email: 'admin@afirgen.test', name: 'Priya Raman', rank: 'Superintendent of Police', role: 'admin', station: null },
  { email: 'officer@afirgen.test', name: 'Ravi Prakash', rank: 'Sub-Inspector', role: 'officer', station: 'PS-BLR-014' },
  { email: 'officer2@afirgen.test', name: 'Anjali Deshmukh', rank: 'Sub-Inspector', role: 'officer', station: 'PS-MUM-031' },
  { email: 'officer3@afirgen.test', name: 'Vikram Singh', rank: 'Inspector', role: 'officer', station: 'PS-DEL-007' },
] as const;
