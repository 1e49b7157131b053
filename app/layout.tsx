import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TrpcReactProvider } from '@/components/trpc/client';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'AFIRGen Ops', template: '%s · AFIRGen Ops' },
  description: 'File, register and track First Information Reports',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-IN">
      <body>
        <TrpcReactProvider>{children}</TrpcReactProvider>
      </body>
    </html>
  );
}
