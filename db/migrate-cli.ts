// `npm run db:migrate`: apply the committed migrations.
import { withDatabase } from "./cli-database";

await withDatabase(async (handle) => {
  await handle.migrate();
  console.log(`Migrated ${handle.describe}.`);
});
