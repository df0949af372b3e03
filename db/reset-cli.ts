// `npm run db:reset`: empty every table, migrate, and seed the demo data again.
import { withDatabase } from "./cli-database";
import { truncateAll } from "./client.server";
import { seedIfEmpty } from "./seed";

await withDatabase(async (handle) => {
  await handle.migrate();
  await truncateAll(handle.db);
  await seedIfEmpty(handle.db);
  console.log(`Reset ${handle.describe}: all data removed, demo data seeded.`);
});
