import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TrpcReactProvider } from '@/components/trpc/client';
import './globals.css';

export const metadata: Metadata = {
  title: 'AFIRGen Ops',
  description: 'File, register and track First Information Reports',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <span className="brand">AFIRGen Ops</span>
        </header>
        <TrpcReactProvider>
          <main className="page">{children}</main>
        </TrpcReactProvider>
      </body>
    </html>
  );
}
