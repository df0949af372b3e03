// Test data shared by the end-to-end specs that fill in an application.

/** A tiny valid PDF, made here so the test carries no binary fixture. */
export function tinyPdf(): Buffer {
  return Buffer.from(
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "latin1",
  );
}

/** A four-module foundations syllabus whose outcomes match the seeded framework (the suggestion tests rely on it). */
export const FOUNDATIONS_MODULES = [
  {
    title: "Toolchain, Cargo and testing",
    outcomes:
      "Install Rust with rustup and create a package with cargo new. Add dependencies from crates.io to Cargo.toml. Format code with rustfmt and fix Clippy lints. Write unit tests and integration tests and run them with cargo test.",
    codes: ["TOOL.1", "TOOL.2", "TEST.1"],
  },
  {
    title: "Language basics, structs and enums",
    outcomes:
      "Declare mutable and immutable variables, use scalar types, tuples and arrays, and write if, loop, while and for expressions. Model data with structs and enums with methods. Destructure values with match and if let patterns.",
    codes: ["BASE.1", "BASE.2", "BASE.3"],
  },
  {
    title: "Ownership, borrowing and slices",
    outcomes:
      "Explain ownership, move semantics and when values are dropped. Pass shared and mutable references and fix borrow checker errors. Work with String, &str and slices of vectors.",
    codes: ["OWN.1", "OWN.2", "OWN.3"],
  },
  {
    title: "Errors, traits, collections and iterators",
    outcomes:
      "Return Result and Option from fallible functions and propagate errors with the ? operator. Define traits and implement them for your types. Store data in Vec and HashMap, and chain iterator adapters such as map and filter.",
    codes: ["ERR.1", "ERR.2", "TRAIT.1", "COLL.1", "COLL.2"],
  },
];
