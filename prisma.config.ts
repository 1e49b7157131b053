// Prisma CLI configuration. Only `prisma generate` is used on these machines:
// migrations are plain SQL run by our own runner (server/data/migrations), because
// the schema engine that `prisma migrate` needs cannot be downloaded here.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
});
