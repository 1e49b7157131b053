'use client';
// "Download PDF": the FIR's copy (BNSS s.173). When the copy of this version is
// stored it downloads at once; otherwise a background job makes it and the button
// shows its progress (polled), then the browser downloads the file.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { messageOf } from '@/components/trpc/errors';
import type { RouterOutputs } from '@/components/trpc/types';

type CopyState = RouterOutputs['firCopy']['request'];
const POLL_MS = 700;

function startDownload(url: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function DownloadPdf({ firId }: { firId: string }) {
  const trpc = useTRPC();
  const [taskId, setTaskId] = useState<string | null>(null);
  const [ready, setReady] = useState<Extract<CopyState, { state: 'ready' }> | null>(null);
  const downloaded = useRef<string | null>(null);
  const request = useMutation(
    trpc.firCopy.request.mutationOptions({
      onSuccess: (s) => {
        if (s.state === 'ready') setReady(s);
        else if ('taskId' in s) setTaskId(s.taskId);
      },
    }),
  );
  const status = useQuery({
    ...trpc.firCopy.status.queryOptions({ firId, taskId: taskId ?? '00000000-0000-4000-8000-000000000000' }),
    enabled: taskId !== null && ready === null,
    refetchInterval: (q) => (q.state.data && ['ready', 'failed', 'cancelled'].includes(q.state.data.state) ? false : POLL_MS),
  });
  const s = status.data;

  useEffect(() => {
    if (s?.state === 'ready') {
      setReady(s);
      setTaskId(null);
    }
  }, [s]);
  useEffect(() => {
    // Download once per copy made; the link stays for another download.
    if (ready && downloaded.current !== ready.documentId) {
      downloaded.current = ready.documentId;
      startDownload(ready.url);
    }
  }, [ready]);

  const working = request.isPending || (taskId !== null && s?.state !== 'failed' && s?.state !== 'cancelled');
  const progress = s && (s.state === 'pending' || s.state === 'running') ? s.progress : 0;
  return (
    <div className="stack" style={{ gap: '0.3rem', alignItems: 'flex-end' }} data-testid="fir-pdf">
      <button
        type="button"
        className="btn"
        disabled={working}
        onClick={() => {
          setReady(null);
          downloaded.current = null;
          request.mutate({ id: firId });
        }}
      >
        {working ? 'Preparing PDF…' : 'Download PDF'}
      </button>
      {working && (
        <div className="small muted" role="status" aria-live="polite" data-testid="fir-pdf-progress">
          <progress max={100} value={progress} aria-label="PDF progress" style={{ width: '10rem', verticalAlign: 'middle' }} />{' '}
          {s?.state === 'running' ? `Making the copy… ${progress} %` : 'Waiting for a worker…'}
          {s && 'retryCount' in s && s.retryCount > 0 && ` (attempt ${s.retryCount + 1})`}
        </div>
      )}
      {ready && (
        <p className="small" role="status" data-testid="fir-pdf-ready">
          Copy ready ({Math.max(1, Math.round(ready.sizeBytes / 1024))} KB):{' '}
          <a href={ready.url} download>
            download again
          </a>
        </p>
      )}
      {(request.isError || s?.state === 'failed' || s?.state === 'cancelled') && (
        <p className="small field-error" role="alert">
          The PDF could not be made: {request.isError ? messageOf(request.error) : s && 'error' in s ? s.error : ''}
        </p>
      )}
    </div>
  );
}
