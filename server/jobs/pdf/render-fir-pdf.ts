// The FIR's copy as a PDF (pdfkit): the fields of the NCRB IIF-I form in its order,
// headed as the copy given free to the informant under BNSS s.173(2). Built-in
// Helvetica (no font files to ship): text outside Latin-1 is not drawn faithfully,
// which the copy notes at its foot when it happens.
import PDFDocument from 'pdfkit';
import type { TFirDetail } from '../../fir';

const IST = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' });
const when = (d: Date | string | null | undefined) => (d ? `${IST.format(new Date(d))} IST` : '—');
const or = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
const rupees = (n: number) => `Rs ${n.toLocaleString('en-IN', { maximumFractionDigits: 2 })}`;
// eslint-disable-next-line no-control-regex
const LATIN1 = /^[\x09\x0a\x0d\x20-\x7e\xa0-\xff]*$/;

export type RenderProgress = (fraction: number) => void;

/** Renders the copy; `onProgress` hears 0…1 as the sections of the form are laid out. */
export async function renderFirPdf(fir: TFirDetail, onProgress: RenderProgress = () => {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `FIR ${fir.number ?? '(draft)'} — ${fir.station.name}`, Author: 'AFIRGen', Subject: 'First Information Report (BNSS s.173)' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  let nonLatin = false;
  const text = (s: string) => {
    if (!LATIN1.test(s)) nonLatin = true;
    return s;
  };
  const heading = (s: string) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).text(s).moveDown(0.2);
  const row = (label: string, value: unknown) =>
    doc.font('Helvetica-Bold').fontSize(9.5).text(`${label}: `, { continued: true }).font('Helvetica').text(text(or(value)));

  doc.font('Helvetica-Bold').fontSize(15).text('FIRST INFORMATION REPORT', { align: 'center' });
  doc.font('Helvetica').fontSize(9.5).text('(Under Section 173 of the Bharatiya Nagarik Suraksha Sanhita, 2023)', { align: 'center' });
  doc.moveDown(0.8);
  doc.font('Helvetica-Bold').fontSize(12).text(`FIR No. ${fir.number ?? 'not registered (draft)'}`);
  row('Police station', `${fir.station.name} (${fir.station.code})`);
  row('District / State', `${fir.district}, ${fir.station.state}`);
  row('Status', fir.status.replace('_', ' '));
  row('Registered at', when(fir.registeredAt));
  row('Information received', `${when(fir.reportedAt)} (${fir.informationType})`);
  onProgress(0.2);

  heading('1. Occurrence of offence');
  row('From', when(fir.occurredFrom));
  row('To', when(fir.occurredTo));
  row('Place', fir.placeAddress);
  row('Distance and direction from the police station', fir.placeDistanceKm === null ? null : `${fir.placeDistanceKm} km ${fir.placeDirection ?? ''}`.trim());
  row('Beat No.', fir.beatNo);

  heading('2. Acts and sections');
  if (fir.sections.length === 0) doc.font('Helvetica').fontSize(9.5).text('—');
  for (const s of fir.sections) doc.font('Helvetica').fontSize(9.5).text(text(`${s.act} ${s.section}${s.title ? ` — ${s.title}` : ''}`));
  onProgress(0.4);

  heading('3. Complainant / informant');
  row('Name', fir.complainantName);
  row("Father's / husband's name", fir.complainantRelativeName);
  row('Date of birth', fir.complainantDob);
  row('Nationality', fir.complainantNationality);
  row('Identity document', fir.complainantIdType ? `${fir.complainantIdType} ${fir.complainantIdNumber ?? ''}`.trim() : null);
  row('Occupation', fir.complainantOccupation);
  row('Address', fir.complainantAddress);
  row('Phone', fir.complainantPhone);

  heading('4. Accused');
  if (fir.accused.length === 0) doc.font('Helvetica').fontSize(9.5).text('Not known');
  fir.accused.forEach((a, i) =>
    doc.font('Helvetica').fontSize(9.5).text(text(`${i + 1}. ${a.known ? or(a.name) : 'Unknown'}${a.alias ? ` alias ${a.alias}` : ''}${a.address ? `, ${a.address}` : ''}${a.description ? ` — ${a.description}` : ''}`)),
  );

  heading('5. Property stolen or involved');
  if (fir.properties.length === 0) doc.font('Helvetica').fontSize(9.5).text('None');
  fir.properties.forEach((p, i) => doc.font('Helvetica').fontSize(9.5).text(text(`${i + 1}. ${p.description}: ${p.value === null ? 'value not known' : rupees(p.value)}`)));
  if (fir.properties.length) row('Total value', rupees(fir.propertiesTotal));
  row('Reasons for delay in reporting', fir.delayReason);
  onProgress(0.6);

  heading('6. Contents of the FIR');
  doc.font('Helvetica').fontSize(10).text(text(fir.narrative), { align: 'justify' });
  onProgress(0.8);

  heading('7. Action taken');
  doc.font('Helvetica').fontSize(9.5).text(text(or(fir.actionTaken)));
  row('Investigating officer', fir.investigatingOfficer ? `${fir.investigatingOfficer.rank ?? ''} ${fir.investigatingOfficer.name}`.trim() : null);
  row('Recorded by', fir.createdBy.name);

  doc.moveDown(1.2);
  doc.font('Helvetica-Oblique').fontSize(8.5).fillColor('#444444');
  doc.text(`Copy of the FIR given free of cost to the informant under Section 173(2) BNSS. Generated ${when(new Date())} by AFIRGen.`);
  if (nonLatin) doc.text('Some text of this FIR is in a script this copy cannot draw; the record in the system is complete.');
  doc.end();
  const pdf = await done;
  onProgress(1);
  return pdf;
}
