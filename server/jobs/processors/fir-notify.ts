// fir.notify: tells the complainant their FIR was registered or changed status. With
// SMTP_URL set it is emailed (nodemailer); without, or when the complainant gave no
// email, the message is kept in notification_outbox, which the console shows. The
// outbox row is keyed by the FIR event, so a retried job never notifies twice for it
// (an email is resent only when the previous attempt did not go out).
import nodemailer, { type Transporter } from 'nodemailer';
import { formatFirNumber } from '../../fir/fir-number';
import { remember } from '../../lib';
import { jobsConfig } from '../config';
import { PermanentJobError, type Processor } from './types';

const STATUS_TEXT: Record<string, string> = {
  registered: 'has been registered',
  under_investigation: 'is now under investigation',
  chargesheeted: 'has been charge-sheeted: the police report has been filed in court',
  closed: 'has been closed',
};

const transport = (): Transporter | null =>
  jobsConfig.smtpUrl ? remember('jobs:smtp', () => nodemailer.createTransport(jobsConfig.smtpUrl!)) : null;

export type FirNotifyResult = { outboxId: string; delivery: string; recipient: string | null };

export const firNotify: Processor<'fir.notify'> = async ({ firId, eventId }, { db }): Promise<FirNotifyResult> => {
  const event = await db.firEvent.findUnique({
    where: { id: BigInt(eventId) },
    select: { firId: true, toStatus: true, changes: true, at: true, fir: { select: { firSeq: true, firYear: true, complainantName: true, complainantEmail: true, station: { select: { name: true } } } } },
  });
  if (!event || event.firId !== firId) throw new PermanentJobError(`FIR event ${eventId} of FIR ${firId} does not exist`);
  if (!event.toStatus || !STATUS_TEXT[event.toStatus]) throw new PermanentJobError(`FIR event ${eventId} is not a status change to notify`);

  const { fir } = event;
  const number = formatFirNumber(fir.firSeq, fir.firYear) ?? '(unnumbered)';
  const note = (event.changes as { note?: { to?: string } }).note?.to;
  const subject = `FIR No. ${number} at ${fir.station.name} ${STATUS_TEXT[event.toStatus]}`;
  const body = [
    `Dear ${fir.complainantName},`,
    '',
    `Your FIR No. ${number} at ${fir.station.name} ${STATUS_TEXT[event.toStatus]}.`,
    ...(note ? ['', `Note from the police station: ${note}`] : []),
    ...(event.toStatus === 'registered' ? ['', 'You are entitled to a free copy of the FIR (Section 173(2) BNSS); ask at the police station.'] : []),
    '',
    'This message was sent automatically by AFIRGen.',
  ].join('\n');

  const smtp = transport();
  const recipient = fir.complainantEmail;
  const delivery = !recipient ? 'no_address' : smtp ? 'sending' : 'outbox';
  const dedupeKey = `fir-event:${eventId}`;
  const row = await db.notificationOutbox.upsert({
    where: { dedupeKey },
    create: { dedupeKey, firId, recipient, subject, body, delivery },
    update: {},
    select: { id: true, delivery: true },
  });
  if (row.delivery !== 'sending' && row.delivery !== 'failed') return { outboxId: String(row.id), delivery: row.delivery, recipient };
  if (!smtp || !recipient) return { outboxId: String(row.id), delivery: row.delivery, recipient };

  try {
    await smtp.sendMail({ from: jobsConfig.smtpFrom, to: recipient, subject, text: body });
  } catch (err) {
    await db.notificationOutbox.update({ where: { id: row.id }, data: { delivery: 'failed', error: (err as Error).message } });
    throw err; // retried with backoff
  }
  await db.notificationOutbox.update({ where: { id: row.id }, data: { delivery: 'sent', sentAt: new Date(), error: null } });
  return { outboxId: String(row.id), delivery: 'sent', recipient };
};
