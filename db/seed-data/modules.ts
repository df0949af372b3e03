import type { Depth } from "../schema";

/**
 * Syllabus modules the demo courses are built from. Providers teach similar material, so courses reuse these,
 * each with its own copy of the module. Every module maps to the competencies its outcomes actually teach
 * (the mapping-suggestion feature is measured against these pairs, so keep them semantically right).
 */
export type SeedModule = { title: string; outcomes: string; hours: number; maps: [code: string, depth: Depth][] };

export const MODULES = {
  gettingStarted: {
    title: "Getting started with Cargo and the toolchain",
    outcomes:
      "Install the Rust toolchain with rustup. Create a package with cargo new, build and run it, and add a dependency from crates.io to Cargo.toml. Format code with rustfmt and act on Clippy lints and compiler diagnostics.",
    hours: 3,
    maps: [
      ["TOOL.1", "practised"],
      ["TOOL.2", "introduced"],
    ],
  },
  basics: {
    title: "Rust basics: bindings, types and control flow",
    outcomes:
      "Declare mutable and immutable variables and explain shadowing. Use integer, floating-point, boolean and char types, tuples and arrays. Write control flow with if, loop, while and for, using them as expressions.",
    hours: 4,
    maps: [["BASE.1", "practised"]],
  },
  ownership: {
    title: "Ownership, moves and borrowing",
    outcomes:
      "Explain the ownership rules, move semantics and when values are dropped. Tell Copy types from Clone types. Pass shared and mutable references to functions and fix borrow checker errors.",
    hours: 5,
    maps: [
      ["OWN.1", "assessed"],
      ["OWN.2", "practised"],
    ],
  },
  structsEnums: {
    title: "Structs, enums and pattern matching",
    outcomes:
      "Model data with structs and enums and implement methods in impl blocks. Use Option for values that may be absent. Destructure values with match and if let, writing exhaustive matches with guards.",
    hours: 4,
    maps: [
      ["BASE.2", "practised"],
      ["BASE.3", "practised"],
    ],
  },
  stringsSlices: {
    title: "Strings, slices and collections",
    outcomes:
      "Work with String and &str and borrow slices of arrays and vectors. Store and look up data in Vec, HashMap and HashSet, and choose a collection for the access pattern.",
    hours: 4,
    maps: [
      ["OWN.3", "practised"],
      ["COLL.1", "practised"],
    ],
  },
  errors: {
    title: "Error handling with Result and Option",
    outcomes:
      "Return Result from fallible functions and propagate errors with the ? operator. Handle Result and Option with match and combinators such as map and and_then instead of unwrap.",
    hours: 3,
    maps: [
      ["ERR.1", "practised"],
      ["ERR.2", "practised"],
    ],
  },
  traitsGenerics: {
    title: "Traits and generics",
    outcomes:
      "Define traits with default methods and implement them for your own types. Derive Debug, Clone and PartialEq. Write generic functions with trait bounds and where clauses.",
    hours: 4,
    maps: [
      ["TRAIT.1", "practised"],
      ["TRAIT.2", "introduced"],
    ],
  },
  iteratorsClosures: {
    title: "Closures and iterators",
    outcomes:
      "Write closures that capture their environment. Chain iterator adapters such as map, filter, enumerate and zip, and consume iterators with collect, fold and sum.",
    hours: 3,
    maps: [
      ["COLL.2", "practised"],
      ["COLL.3", "introduced"],
    ],
  },
  testingBasics: {
    title: "Testing your code",
    outcomes:
      "Write unit tests with #[test], assert! and assert_eq! in a tests module, put integration tests in the tests directory, and run them with cargo test.",
    hours: 2,
    maps: [["TEST.1", "practised"]],
  },
  modules: {
    title: "Modules, crates and visibility",
    outcomes:
      "Split a program into modules and files, control visibility with pub and pub(crate), import items with use, and separate a library crate from a binary crate.",
    hours: 2,
    maps: [["BASE.4", "practised"]],
  },
  capstoneCli: {
    title: "Capstone: a command-line tool",
    outcomes:
      "Build and test a command-line tool that parses arguments, reads files and reports errors with Result and the ? operator. Assessed by code review of how it borrows data through references, handles errors and is unit tested.",
    hours: 6,
    maps: [
      ["ERR.2", "assessed"],
      ["TEST.1", "assessed"],
      ["OWN.2", "assessed"],
    ],
  },
  lifetimes: {
    title: "Lifetimes in depth",
    outcomes:
      "Annotate lifetime parameters on functions that return references and apply the elision rules. Define structs that hold references and write their impl blocks. Read and resolve lifetime errors.",
    hours: 4,
    maps: [
      ["LIFE.1", "practised"],
      ["LIFE.2", "practised"],
    ],
  },
  smartPointers: {
    title: "Smart pointers and interior mutability",
    outcomes:
      "Choose between Box, Rc and Arc for heap allocation and shared ownership. Use Cell and RefCell for interior mutability and break reference cycles with Weak.",
    hours: 4,
    maps: [["OWN.4", "practised"]],
  },
  traitObjects: {
    title: "Trait objects and dynamic dispatch",
    outcomes:
      "Store values of different types behind Box<dyn Trait>, explain vtables and object safety, and decide between generics with static dispatch and trait objects with dynamic dispatch.",
    hours: 3,
    maps: [
      ["TRAIT.3", "practised"],
      ["TRAIT.2", "practised"],
    ],
  },
  conversions: {
    title: "Conversions and standard traits",
    outcomes:
      "Implement the standard traits From, TryFrom, AsRef and Display and operator overloading traits, and declare associated types in your own traits.",
    hours: 3,
    maps: [["TRAIT.4", "practised"]],
  },
  customErrors: {
    title: "Designing error types",
    outcomes:
      "Design error enums that implement std::error::Error and Display with thiserror, preserve the source chain, and add context to errors with anyhow in applications.",
    hours: 3,
    maps: [
      ["ERR.3", "practised"],
      ["ERR.2", "practised"],
    ],
  },
  customIterators: {
    title: "Implementing iterators",
    outcomes:
      "Implement the Iterator trait with next for a custom type, provide IntoIterator for a collection, explain lazy evaluation, and accept closures with Fn, FnMut and FnOnce bounds.",
    hours: 3,
    maps: [
      ["COLL.4", "practised"],
      ["COLL.3", "practised"],
    ],
  },
  threads: {
    title: "Threads, channels and shared state",
    outcomes:
      "Spawn and join threads and use scoped threads. Send messages between threads over mpsc channels. Share state with Arc<Mutex<T>> and RwLock, and explain the Send and Sync traits.",
    hours: 5,
    maps: [
      ["CONC.1", "practised"],
      ["CONC.2", "practised"],
    ],
  },
  rayon: {
    title: "Data parallelism with Rayon",
    outcomes:
      "Parallelise iterator pipelines with Rayon's par_iter, measure the speed-up against sequential code, and explain work stealing.",
    hours: 2,
    maps: [["CONC.4", "practised"]],
  },
  asyncIntro: {
    title: "Async/await fundamentals",
    outcomes:
      "Write async functions and async blocks, await futures, and explain why futures are lazy and need an executor such as Tokio to poll them.",
    hours: 3,
    maps: [["ASYNC.1", "practised"]],
  },
  tokio: {
    title: "Async networking with Tokio",
    outcomes:
      "Spawn Tokio tasks, accept connections with TcpListener, read and write a TcpStream asynchronously, and combine futures with select!, join! and timeouts.",
    hours: 5,
    maps: [
      ["ASYNC.2", "practised"],
      ["ASYNC.1", "practised"],
    ],
  },
  workspaces: {
    title: "Cargo workspaces, features and profiles",
    outcomes:
      "Split a project into several crates in a Cargo workspace, put optional functionality behind feature flags, and tune build profiles for release.",
    hours: 2,
    maps: [["TOOL.3", "practised"]],
  },
  docsPublishing: {
    title: "Documenting and publishing crates",
    outcomes:
      "Write rustdoc comments with runnable examples, generate documentation with cargo doc, and publish a crate to crates.io following the API guidelines.",
    hours: 2,
    maps: [
      ["TOOL.4", "practised"],
      ["TEST.2", "introduced"],
    ],
  },
  testStrategy: {
    title: "Test strategy: doc tests, fixtures and test doubles",
    outcomes:
      "Write documentation tests, test error paths and panics with should_panic, share fixtures, and isolate dependencies behind traits to substitute test doubles generated with mockall.",
    hours: 3,
    maps: [
      ["TEST.2", "practised"],
      ["TEST.3", "practised"],
    ],
  },
  macrosDeclarative: {
    title: "Declarative macros",
    outcomes:
      "Write macro_rules! macros with fragment specifiers and repetitions, explain macro hygiene, and inspect expansions with cargo expand.",
    hours: 3,
    maps: [
      ["MACRO.2", "practised"],
      ["MACRO.1", "introduced"],
    ],
  },
  serde: {
    title: "Serialisation with serde",
    outcomes:
      "Derive Serialize and Deserialize, customise field names and representations with serde attributes, and read and write JSON and TOML configuration.",
    hours: 2,
    maps: [["WEB.2", "practised"]],
  },
  axum: {
    title: "Building web services with axum",
    outcomes:
      "Build an HTTP API with axum routers, extractors and handlers, share application state, add tower middleware, and turn errors into HTTP responses.",
    hours: 5,
    maps: [["WEB.1", "practised"]],
  },
  sqlx: {
    title: "Database access with sqlx",
    outcomes:
      "Query PostgreSQL with sqlx using compile-time checked queries, a connection pool, transactions and migrations.",
    hours: 3,
    maps: [["WEB.3", "practised"]],
  },
  capstoneService: {
    title: "Capstone: an async web service",
    outcomes:
      "Build and test an async REST service with axum, Tokio and sqlx. Assessed on request handling, error types mapped to responses and concurrent task handling.",
    hours: 8,
    maps: [
      ["WEB.1", "assessed"],
      ["ASYNC.2", "assessed"],
      ["ERR.3", "assessed"],
    ],
  },
  unsafe: {
    title: "Unsafe Rust",
    outcomes:
      "Explain what unsafe allows, dereference raw pointers and document the safety invariants of each unsafe block. Wrap unsafe code in a sound safe abstraction and check it for undefined behaviour with Miri.",
    hours: 5,
    maps: [
      ["UNSAFE.1", "practised"],
      ["UNSAFE.3", "practised"],
    ],
  },
  ffi: {
    title: "FFI: calling C and being called from C",
    outcomes:
      "Declare extern \"C\" functions, pass strings and buffers across the boundary with CString, CStr and raw pointers, and generate bindings with bindgen and cbindgen.",
    hours: 4,
    maps: [["UNSAFE.2", "practised"]],
  },
  procMacros: {
    title: "Procedural macros",
    outcomes:
      "Write a derive macro and an attribute macro in a proc-macro crate with syn and quote, and report compile errors at the right span.",
    hours: 4,
    maps: [["MACRO.3", "practised"]],
  },
  advancedTraits: {
    title: "Advanced traits and type-level design",
    outcomes:
      "Use blanket implementations, the newtype pattern to work around the orphan rule, marker traits, supertraits and generic associated types to design expressive APIs.",
    hours: 4,
    maps: [["TRAIT.5", "practised"]],
  },
  advancedLifetimes: {
    title: "Advanced lifetimes and variance",
    outcomes:
      "Reason about 'static bounds, T: 'a bounds and higher-ranked trait bounds with for<'a>, and explain the variance of lifetime parameters.",
    hours: 3,
    maps: [["LIFE.3", "practised"]],
  },
  atomics: {
    title: "Atomics and lock-free programming",
    outcomes:
      "Use AtomicUsize and AtomicBool, choose the memory orderings Relaxed, Acquire, Release and SeqCst, and build a spin lock.",
    hours: 3,
    maps: [["CONC.3", "practised"]],
  },
  asyncInternals: {
    title: "Async internals: Future, Pin and Waker",
    outcomes:
      "Implement the Future trait by hand with poll and a Waker, and explain Pin, Unpin and self-referential state machines generated by async fn.",
    hours: 4,
    maps: [["ASYNC.3", "practised"]],
  },
  asyncProduction: {
    title: "Production async: streams, cancellation and shutdown",
    outcomes:
      "Consume and produce Streams, make code cancellation safe, apply backpressure with bounded channels, and implement graceful shutdown of a service.",
    hours: 4,
    maps: [["ASYNC.4", "assessed"]],
  },
  profiling: {
    title: "Benchmarking and profiling",
    outcomes:
      "Write criterion benchmarks, profile programs with perf and flamegraphs, and optimise hot paths only after measuring.",
    hours: 3,
    maps: [["PERF.1", "practised"]],
  },
  memoryLayout: {
    title: "Memory layout and allocation",
    outcomes:
      "Reduce heap allocations, choose between stack and heap, and design cache-friendly data layouts with attention to size, alignment and padding.",
    hours: 3,
    maps: [["PERF.2", "practised"]],
  },
  optimisation: {
    title: "Zero-cost abstractions and compiler optimisation",
    outcomes:
      "Explain zero-cost abstractions, inlining and monomorphisation, enable link-time optimisation in the release profile, use SIMD, and read the generated assembly.",
    hours: 3,
    maps: [["PERF.3", "practised"]],
  },
  proptest: {
    title: "Property-based testing and fuzzing",
    outcomes:
      "Express invariants as properties with proptest, let failing cases shrink to a minimal example, and fuzz a parser with cargo-fuzz.",
    hours: 3,
    maps: [["TEST.4", "practised"]],
  },
  noStd: {
    title: "Bare-metal Rust with no_std",
    outcomes:
      "Write #![no_std] firmware that uses only core and alloc, define a panic handler, and describe the memory layout with a linker script.",
    hours: 4,
    maps: [["EMB.1", "practised"]],
  },
  embeddedHal: {
    title: "Peripherals with embedded-hal",
    outcomes:
      "Drive GPIO, SPI and I2C peripherals on a microcontroller through peripheral access crates and the embedded-hal traits, and flash and debug firmware with probe-rs.",
    hours: 6,
    maps: [["EMB.2", "practised"]],
  },
  rticEmbassy: {
    title: "Interrupts and concurrency with RTIC and Embassy",
    outcomes:
      "Handle interrupts, share data with interrupt handlers through critical sections, and schedule tasks with RTIC or the Embassy async executor.",
    hours: 6,
    maps: [["EMB.3", "practised"]],
  },
  embeddedCapstone: {
    title: "Capstone: a sensor node",
    outcomes:
      "Build a no_std sensor node that reads an I2C sensor from an interrupt-driven task and reports over a serial link. Assessed on peripheral access and interrupt handling.",
    hours: 8,
    maps: [
      ["EMB.2", "assessed"],
      ["EMB.3", "assessed"],
      ["EMB.1", "assessed"],
    ],
  },
  wasmIntro: {
    title: "Rust and WebAssembly",
    outcomes:
      "Compile Rust to the wasm32-unknown-unknown target, export functions to JavaScript with wasm-bindgen, and package the module with wasm-pack.",
    hours: 3,
    maps: [["WASM.1", "practised"]],
  },
  wasmWeb: {
    title: "WebAssembly in the browser and WASI",
    outcomes:
      "Manipulate the DOM through web-sys, pass data across the JavaScript boundary efficiently, shrink binary size, and build a component for a WASI runtime.",
    hours: 3,
    maps: [["WASM.2", "practised"]],
  },
} satisfies Record<string, SeedModule>;

export type ModuleKey = keyof typeof MODULES;
