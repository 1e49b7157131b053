/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server (server/main.ts) serves the app; type errors are caught by
  // `npm run typecheck` in the test command, so the build does not check them twice.
  typescript: { ignoreBuildErrors: true },
  // Server-only packages loaded from node_modules at run time rather than bundled:
  // the Prisma runtime (WebAssembly query compiler), pg, ioredis, pino and libpg-query
  // (PostgreSQL's parser as WebAssembly, for query insights).
  serverExternalPackages: ['@prisma/client', '@prisma/adapter-pg', 'pg', 'ioredis', 'pino', 'prom-client', 'libpg-query'],
};

export default nextConfig;
