export { appRouter, createCaller, type AppRouter } from './root';
export { createTrpcContext, type TrpcContext } from './trpc';
