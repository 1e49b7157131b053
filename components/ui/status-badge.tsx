import type { TFirStatus } from '@/server/fir/schemas';

export const STATUS_LABEL: Record<TFirStatus, string> = {
  draft: 'Draft',
  registered: 'Registered',
  under_investigation: 'Under investigation',
  chargesheeted: 'Chargesheeted',
  closed: 'Closed',
};

export function StatusBadge({ status }: { status: TFirStatus }) {
  return <span className={`badge badge-${status}`}>{STATUS_LABEL[status]}</span>;
}
