// `npm run db:seed`: migrate, then seed the demo data if the database has no users yet.
import { withDatabase } from "./cli-database";
import { DEMO_PASSWORD, seedIfEmpty } from "./seed";

await withDatabase(async (handle) => {
  await handle.migrate();
  const started = performance.now();
  const seeded = await seedIfEmpty(handle.db);
  if (seeded) {
    console.log(`Seeded the demo data into ${handle.describe} in ${Math.round(performance.now() - started)} ms.`);
    console.log(`Demo logins (password ${DEMO_PASSWORD}): staff@example.org, reviewer1-3@example.org, board1-3@example.org, owner1@example.org, owner2@example.org.`);
  } else {
    console.log(`${handle.describe} already has users: nothing seeded (use npm run db:reset to start over).`);
  }
});
