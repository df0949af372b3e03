import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "db/migrations/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/utils", "**/utils/*"], message: "No utils folder: put code where it belongs." }] },
      ],
    },
  },
  {
    files: ["**/*.mjs", "scripts/**", "server.mjs"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Components and the domain stay client-safe: no database, no services, no .server modules.
    files: ["app/components/**", "app/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/*.server", "**/*.server.*", "**/db/**", "~/services/*", "../services/*"], message: "Components and domain code must not touch the server or the database." }] },
      ],
    },
  },
);
