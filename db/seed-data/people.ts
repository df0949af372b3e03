import type { FoundationRole } from "../schema";

/** Every demo account shares this password (listed in the README with the accounts below). */
export const DEMO_PASSWORD = "rust-demo-2026";

export type SeedUser = { key: string; email: string; name: string; roles: FoundationRole[]; expertise?: string[] };

/** Foundation accounts: one login per role, three reviewers and three board members. */
export const FOUNDATION_USERS: SeedUser[] = [
  { key: "staff", email: "staff@example.org", name: "Sam Okafor", roles: ["staff"] },
  { key: "reviewer1", email: "reviewer1@example.org", name: "Priya Raman", roles: ["reviewer"], expertise: ["OWN", "LIFE", "TRAIT", "ERR"] },
  { key: "reviewer2", email: "reviewer2@example.org", name: "Lukas Becker", roles: ["reviewer"], expertise: ["ASYNC", "CONC", "WEB", "PERF"] },
  { key: "reviewer3", email: "reviewer3@example.org", name: "Aiko Tanaka", roles: ["reviewer"], expertise: ["EMB", "UNSAFE", "WASM", "PERF"] },
  { key: "board1", email: "board1@example.org", name: "María González", roles: ["board"] },
  { key: "board2", email: "board2@example.org", name: "Tom Whitfield", roles: ["board"] },
  { key: "board3", email: "board3@example.org", name: "Ngozi Adeyemi", roles: ["board"] },
  // A second member of staff (last, so the others keep their dates): with no part in the seeded revocation, she
  // constituted the panel hearing its appeal (decision 046).
  { key: "staff2", email: "staff2@example.org", name: "Elena Petrova", roles: ["staff"] },
];

export type FoundationUserKey = "staff" | "staff2" | "reviewer1" | "reviewer2" | "reviewer3" | "board1" | "board2" | "board3";
